import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { loadSeeds } from './seedHelpers';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'taizhang-parse-'));
const seeds = loadSeeds();

describe('cli parse', () => {
  it('prints one JSON object with the contract fields for a seed file', async () => {
    const seed = seeds.find((s) => s.id.startsWith('004'))!;
    const file = join(dir, '004.txt');
    writeFileSync(file, seed.text);
    const c = capture();
    expect(await runCli(['parse', file, '--json'], c.io)).toBe(0);
    expect(c.err).toEqual([]);
    const json = JSON.parse(c.out.join('\n'));
    expect(Object.keys(json)).toEqual(['title', 'docNumber', 'issuer', 'date', 'leadRule', 'reporting', 'tasks', 'warnings']);
    expect(json).toMatchObject({ title: seed.expected.title, docNumber: seed.expected.docNumber, date: seed.expected.date });
    expect(json.tasks).toHaveLength(seed.expected.tasks!.length);
    expect(Object.keys(json.tasks[0])).toEqual(['number', 'section', 'content', 'lead', 'support', 'implement', 'deadline']);
    expect(json.warnings.map((w: { code: string }) => w.code)).toEqual(['numbering-gap', 'section-from-body', 'content-mismatch']);
  });

  it('prints a readable table with Chinese headers without --json', async () => {
    const seed = seeds.find((s) => s.id.startsWith('003'))!;
    const file = join(dir, '003.txt');
    writeFileSync(file, seed.text);
    const c = capture();
    expect(await runCli(['parse', file], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toContain('编号 | 所属章节 | 任务内容 | 牵头单位 | 配合单位 | 具体落实单位 | 完成时限');
    expect(text).toContain('2023年焦作市药品监管工作要点');
    expect(text).toMatch(/^10-2 \| /m);
    expect(text).toContain('[department-alias]');
  });

  it('exits 1 with one Chinese line for a refused file', async () => {
    const file = join(dir, 'empty.txt');
    writeFileSync(file, '   \n\n');
    const c = capture();
    expect(await runCli(['parse', file, '--json'], c.io)).toBe(1);
    expect(c.out).toEqual([]);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(/[\u4e00-\u9fa5]/);
    expect(c.err[0]).not.toContain('\n');
  });

  it('exits 1 for a missing file and 2 for usage errors', async () => {
    const missing = capture();
    expect(await runCli(['parse', join(dir, 'nope.txt')], missing.io)).toBe(1);
    expect(missing.err[0]).toMatch(/无法读取文件/);
    for (const args of [['parse'], ['parse', 'a.txt', 'b.txt'], ['parse', 'a.txt', '--frobnicate']]) {
      const c = capture();
      expect(await runCli(args, c.io)).toBe(2);
      expect(c.err).toHaveLength(1);
      expect(c.err[0]).toMatch(/用法|未知选项/);
    }
  });
});
