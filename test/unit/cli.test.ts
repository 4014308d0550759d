import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('cli', () => {
  it('lists commands with --help', async () => {
    const c = capture();
    expect(await runCli(['--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toContain('version');
  });
  it('rejects an unknown command with one line and exit code 2', async () => {
    const c = capture();
    expect(await runCli(['frobnicate'], c.io)).toBe(2);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(/^未知命令: frobnicate/);
    expect(c.err[0]).not.toContain('\n');
  });
});
