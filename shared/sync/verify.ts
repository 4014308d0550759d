import type { Plan, SyncedTable, Unit } from '../model/schemas';
import { stampDevice } from './canonical';
import { authorityContext, authorityProblem } from './authority';
import { fingerprintOf, keyIdOf } from './keys';
import { Trust, unanchoredIssuers, type Anchor } from './roster';
import { SignatureIndex } from './signing';
import { TABLE_ORDER, type SyncState } from './state';

export interface RefusedRecord {
  table: SyncedTable;
  id: string;
  stamp: string;
  by: string;
  device: string;
  reason: string;
}

export interface StateVerification {
  /** The supervisor offices whose rosters the check relied on, with their root fingerprints. */
  roots: { issuer: string; fingerprint: string; confirmed: boolean }[];
  refused: RefusedRecord[];
  checked: number;
}

/**
 * Check every record of a file on its own (no database): each version must carry a valid signature by a key
 * that the file's roster lets write it. Without `anchors`, the rosters in the file are taken as they are and
 * their root fingerprints are reported for the user to compare with the supervisor office's; with `anchors`
 * (fingerprints confirmed by phone) only those roots are trusted. Records of plans the file does not carry are
 * checked for a valid signature by an enrolled key.
 */
export function verifyState(state: SyncState, confirmedFingerprints: readonly string[] = []): StateVerification {
  const entries = state.trust?.roster ?? [];
  const offered = unanchoredIssuers(new Trust([], []), entries);
  const wanted = confirmedFingerprints.map((f) => f.replace(/\s/g, ''));
  const anchors: Anchor[] = offered
    .filter((o) => wanted.length === 0 || wanted.includes(o.fingerprint.replace(/\s/g, '')))
    .map((o) => ({ issuer: o.issuer, keyId: o.keyId, publicKey: o.publicKey, device: o.device }));
  const trust = new Trust(anchors, entries);
  const signatures = new SignatureIndex(state.trust?.statements ?? []);
  const units = new Map<string, Unit>(state.records.units.map((u) => [u.id, u]));
  const ctx = authorityContext([], state.records.plans as Plan[], trust, signatures.signerOf, (id) => units.get(id));
  const refused: RefusedRecord[] = [];
  let checked = 0;
  for (const table of TABLE_ORDER) {
    for (const r of state.records[table]) {
      checked++;
      let reason = authorityProblem(table, r, ctx);
      if (reason?.endsWith('所属计划在本机和文件中都不存在')) {
        // The plan is not in this file (a "changes" export): the signature and the key's enrollment still must hold.
        const signer = signatures.signerOf(table, r);
        if ('problem' in signer) reason = signer.problem;
        else {
          const enrolled = trust.issuers().some((i) => trust.key(i, keyIdOf(signer.publicKey))?.device === stampDevice(r.stamp));
          reason = enrolled ? null : '签名密钥未在文件所附名册中登记';
        }
      }
      if (reason) refused.push({ table, id: r.id, stamp: r.stamp, by: r.by, device: stampDevice(r.stamp), reason });
    }
  }
  const roots = offered.map((o) => ({ issuer: o.issuer, fingerprint: fingerprintOf(o.publicKey), confirmed: anchors.some((a) => a.keyId === o.keyId) && wanted.length > 0 }));
  return { roots, refused, checked };
}
