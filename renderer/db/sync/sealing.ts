import type { PickedFile } from '../../../shared/platform/bridge';
import { concatBytes, isSealed, readSealHeader, seal, SealRefusedError, type SealRefusal } from '../../../shared/sync';
import { normalizeKey } from '../../../shared/model';
import { compareNames } from '../../../shared/text/compareNames';
import type { TaizhangDB } from '../database';
import { InputRefusedError } from '../errors';
import { getKeyPair, loadTrust } from '../keys';
import type { ExportResult } from './exportSnapshot';
import { unseal } from '../../../shared/sync/seal';

/** How an export is protected: not at all, for an enrolled office (its PCs' keys), or with a password. */
export type SealChoice = { kind: 'none' } | { kind: 'office'; office: string } | { kind: 'password'; password: string };

/** Offices this PC can seal files for: every office with at least one key in force in a confirmed roster. */
export async function sealableOffices(db: TaizhangDB): Promise<{ office: string; keys: number }[]> {
  const trust = await loadTrust(db);
  const counts = new Map<string, { office: string; keys: number }>();
  for (const issuer of trust.issuers()) {
    for (const k of trust.keysOf(issuer)) {
      if (k.revokedSince !== null) continue;
      const key = normalizeKey(k.office);
      const cur = counts.get(key) ?? { office: k.office, keys: 0 };
      cur.keys++;
      counts.set(key, cur);
    }
  }
  return [...counts.values()].sort((a, b) => compareNames(a.office, b.office));
}

/** Wrap an export in a sealed file (outer layer; the snapshot inside is unchanged). */
export async function sealExport(db: TaizhangDB, result: ExportResult, choice: SealChoice): Promise<ExportResult> {
  if (choice.kind === 'none') return result;
  const inner = concatBytes(result.file.chunks);
  let chunks: Uint8Array[];
  try {
    if (choice.kind === 'password') chunks = seal(inner, { kind: 'password', password: choice.password });
    else {
      const trust = await loadTrust(db);
      const seen = new Set<string>();
      const keys = trust
        .issuers()
        .flatMap((i) => trust.keysOf(i))
        .filter((k) => k.revokedSince === null && normalizeKey(k.office) === normalizeKey(choice.office) && !seen.has(k.keyId) && seen.add(k.keyId));
      chunks = seal(inner, { kind: 'office', office: choice.office, keys });
    }
  } catch (e) {
    if (e instanceof SealRefusedError) throw new InputRefusedError(e.message);
    throw e;
  }
  const size = chunks.reduce((n, c) => n + c.length, 0);
  const label = choice.kind === 'password' ? '密码加密' : `加密发${choice.office.replace(/[\\/:*?"<>|\s]/g, '')}`;
  return { ...result, file: { ...result.file, chunks, size }, fileName: result.fileName.replace(/\.tzsync$/, `-${label}.tzsync`) };
}

export type OpenedFile = { ok: true; file: PickedFile; sealed: boolean } | { ok: false; name: string; error: string; locked: SealRefusal };

/** Open sealed files with this PC's key, or with the password the user typed for that file; others pass through. */
export async function openSealedFiles(db: TaizhangDB, files: readonly PickedFile[], passwords: Readonly<Record<string, string>> = {}): Promise<OpenedFile[]> {
  const out: OpenedFile[] = [];
  for (const f of files) {
    if (!isSealed(f.bytes)) {
      out.push({ ok: true, file: f, sealed: false });
      continue;
    }
    try {
      const { header } = readSealHeader(f.bytes);
      const open = header.wrap === 'scrypt-SM4-GCM' ? { password: passwords[f.name] } : { keys: await getKeyPair(db) };
      out.push({ ok: true, file: { name: f.name, bytes: unseal(f.bytes, open) }, sealed: true });
    } catch (e) {
      if (e instanceof SealRefusedError) out.push({ ok: false, name: f.name, error: e.message, locked: e.code });
      else throw e;
    }
  }
  return out;
}
