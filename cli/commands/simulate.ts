import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, parseArgs, type Command } from '../command';
import { concatBytes, encodeSnapshot, fingerprintOf, mergeStates, simulate, stateDigest, SNAPSHOT_EXTENSION } from '../../shared/sync';
import { appVersion } from './snapshot';

const USAGE = 'simulate --offices N --tasks T --reports R --seed S --out 目录';

function intOption(values: Map<string, string[]>, name: string, min: number, max: number): number {
  const raw = values.get(name)?.[0];
  if (raw === undefined) throw new CliError(`缺少选项 ${name}（用法: ${USAGE}）`, 2);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`选项 ${name} 应为 ${min}–${max} 之间的整数`, 2);
  return n;
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary: '生成模拟同步文件：多个单位、同一计划、交叠的修改历史（测试与性能评估用）',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseArgs(args, ['--offices', '--tasks', '--reports', '--seed', '--out']);
    const offices = intOption(values, '--offices', 2, 21);
    const tasks = intOption(values, '--tasks', 1, 100_000);
    const reports = intOption(values, '--reports', 0, 5_000_000);
    const seed = intOption(values, '--seed', 0, 2 ** 31 - 1);
    const out = values.get('--out')?.[0];
    if (!out) throw new CliError(`缺少选项 --out（用法: ${USAGE}）`, 2);
    const sim = simulate({ offices, tasks, reports, seed });
    mkdirSync(out, { recursive: true });
    for (const [i, pc] of sim.pcs.entries()) {
      const file = encodeSnapshot(pc.state, {
        producer: pc.identity,
        app: { name: '任务分解台账', version: appVersion() },
        createdAt: pc.createdAt,
        scope: { kind: 'full', since: null },
      });
      const name = `pc${String(i + 1).padStart(2, '0')}-${pc.identity.office}-${pc.identity.deviceId}.${SNAPSHOT_EXTENSION}`;
      writeFileSync(join(out, name), concatBytes(file.chunks));
      io.out(`${name}  ${pc.state.records.reports.length} 条进展${pc.skewMs ? `（本机时钟快 ${pc.skewMs / 3600_000} 小时）` : ''}`);
    }
    io.out(`督办单位 ${sim.trust.anchor.issuer} 根密钥指纹: ${fingerprintOf(sim.trust.anchor.publicKey)}（各单位密钥均已登记在其名册中）`);
    io.out(`合并后 digest: ${stateDigest(mergeStates(sim.pcs.map((p) => p.state)))}`);
    return 0;
  },
};
