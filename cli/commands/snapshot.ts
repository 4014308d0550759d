import { readFileSync, renameSync, writeFileSync, mkdirSync, existsSync, statSync } from 'node:fs';
import { dirname, basename } from 'node:path';
import { CliError, parseArgs, type Command } from '../command';
import {
  LIMITS,
  SCOPE_LABELS,
  SnapshotRefusedError,
  TABLE_LABELS,
  TABLE_ORDER,
  concatBytes,
  decodeSnapshot,
  encodeSnapshot,
  mergeStates,
  mergeTrust,
  isSealed,
  unseal,
  SealRefusedError,
  readManifest,
  stateDigest,
  verifyState,
  type DecodedSnapshot,
  type StateVerification,
} from '../../shared/sync';

/** One line per refused record: what it is, who claimed it, why. */
function refusedLines(file: string, v: StateVerification): string[] {
  return v.refused.map((r) => `${file}: 拒绝${TABLE_LABELS[r.table]}记录 ${r.id}（署名「${r.by}」，设备 ${r.device}，修改时间戳 ${r.stamp}）：${r.reason}`);
}

export function appVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

function readInput(path: string): Uint8Array {
  if (!existsSync(path)) throw new CliError(`找不到文件: ${path}`);
  if (statSync(path).size > LIMITS.fileBytes) throw new CliError(`${basename(path)}: 文件过大，已拒绝`);
  return readFileSync(path);
}

async function decodeOrRefuse(path: string, password?: string): Promise<DecodedSnapshot> {
  try {
    let bytes = readInput(path);
    if (isSealed(bytes)) {
      if (!password) throw new CliError(`${basename(path)}: 文件已加密。用密码加密的文件请加 --password 密码；加密发给某单位的文件只能在该单位登记的电脑上打开`);
      bytes = unseal(bytes, { password });
    }
    return await decodeSnapshot(bytes);
  } catch (e) {
    if (e instanceof SnapshotRefusedError || e instanceof SealRefusedError) throw new CliError(`${basename(path)}: ${e.message}`);
    throw e;
  }
}

/** Write next to the target and rename: a reader never sees half a file. */
function writeAtomically(path: string, chunks: readonly Uint8Array[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, concatBytes(chunks));
  renameSync(tmp, path);
}

const USAGE = 'snapshot inspect <文件> [--json] | snapshot verify <文件> [--root 指纹] [--password 密码] | snapshot merge <文件>... -o <输出文件> [--root 指纹]';

export const snapshotCommand: Command = {
  name: 'snapshot',
  summary: '同步文件（.tzsync）：查看、校验、合并',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    const { positional, flags, values } = parseArgs(rest, ['-o', '--out', '--root', '--password']);
    const roots = values.get('--root') ?? [];
    const password = values.get('--password')?.[0];
    switch (sub) {
      case 'inspect': {
        const path = positional[0];
        if (!path || positional.length > 1) throw new CliError(`用法: ${USAGE}`, 2);
        const bytes = readInput(path);
        let decoded: DecodedSnapshot | null = null;
        let error: string | null = null;
        let manifest = null;
        try {
          decoded = await decodeSnapshot(bytes);
          manifest = decoded.manifest;
        } catch (e) {
          if (!(e instanceof SnapshotRefusedError)) throw e;
          error = e.message;
          try {
            manifest = readManifest(bytes).manifest;
          } catch {
            manifest = null;
          }
        }
        const digest = decoded ? stateDigest(decoded.state) : null;
        if (flags.has('--json')) {
          io.out(
            JSON.stringify(
              { file: basename(path), size: bytes.length, valid: decoded !== null, error, digest, sha256: decoded?.sha256 ?? null, manifest },
              null,
              2,
            ),
          );
        } else {
          io.out(`文件: ${basename(path)}（${bytes.length} 字节）`);
          io.out(`校验: ${decoded ? '有效' : `无效 — ${error}`}`);
          if (manifest) {
            io.out(`来源: ${manifest.producer.office}（设备 ${manifest.producer.deviceId}，${manifest.producer.role === 'supervisor' ? '督办' : '部门'}）`);
            io.out(`导出时间: ${manifest.createdAt}    范围: ${SCOPE_LABELS[manifest.scope.kind]}    格式版本: ${manifest.formatVersion}    软件版本: ${manifest.app.version}`);
            io.out(`计划: ${manifest.plans.map((p) => p.title || p.id).join('；') || '（无）'}`);
            io.out(`记录: ${TABLE_ORDER.filter((t) => manifest.counts[t] !== undefined).map((t) => `${TABLE_LABELS[t]} ${manifest.counts[t]}`).join('，')}，附件 ${manifest.counts.blobs}`);
            io.out(`分段: ${manifest.parts.length}`);
          }
          if (decoded) {
            io.out(`SHA-256: ${decoded.sha256}`);
            io.out(`digest: ${digest}`);
          }
        }
        return decoded ? 0 : 1;
      }
      case 'verify': {
        const path = positional[0];
        if (!path || positional.length > 1) throw new CliError(`用法: ${USAGE}`, 2);
        const decoded = await decodeOrRefuse(path, password);
        const v = verifyState(decoded.state, roots);
        for (const r of v.roots) io.out(`名册: ${r.issuer} 根密钥指纹 ${r.fingerprint}${r.confirmed ? '（已核对）' : '（请与该督办单位电话核对）'}`);
        if (v.refused.length > 0) {
          for (const line of refusedLines(basename(path), v)) io.err(line);
          return 1;
        }
        io.out(`有效: ${basename(path)}（${decoded.manifest.producer.office}，${v.checked} 条记录，签名全部有效）`);
        return 0;
      }
      case 'merge': {
        const out = values.get('-o')?.[0] ?? values.get('--out')?.[0];
        if (!out || positional.length === 0) throw new CliError(`用法: ${USAGE}`, 2);
        // Every input is validated before anything is written.
        const inputs: DecodedSnapshot[] = [];
        for (const p of positional) inputs.push(await decodeOrRefuse(p, password));
        // A forged, altered or replayed record in any input: nothing is written.
        let refused = 0;
        for (const [i, d] of inputs.entries()) {
          const lines = refusedLines(basename(positional[i]!), verifyState(d.state, roots));
          for (const line of lines) io.err(line);
          refused += lines.length;
        }
        if (refused > 0) {
          io.err(`有 ${refused} 条记录的签名无效或越权，未写出合并文件`);
          return 1;
        }
        const merged = mergeStates(inputs.map((d) => d.state));
        merged.trust = mergeTrust(inputs.map((d) => d.state.trust));
        const titles = new Map(inputs.flatMap((d) => d.manifest.plans.map((p) => [p.id, p.title] as const)));
        const file = encodeSnapshot(merged, {
          producer: { deviceId: 'cli_merge', office: '命令行合并', role: 'supervisor' },
          app: { name: '任务分解台账', version: appVersion() },
          createdAt: new Date().toISOString(),
          scope: { kind: 'merge', since: null },
          planTitles: titles,
        });
        writeAtomically(out, file.chunks);
        io.out(`已合并 ${inputs.length} 个文件 → ${out}（${file.size} 字节）`);
        io.out(`digest: ${stateDigest(merged)}`);
        return 0;
      }
      default:
        throw new CliError(`用法: ${USAGE}`, 2);
    }
  },
};
