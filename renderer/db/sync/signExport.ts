import { stampDevice } from '../../../shared/sync/canonical';
import {
  TABLE_ORDER,
  SignatureIndex,
  emptyRecordSets,
  mergeTrust,
  publishProblem,
  recordHash,
  signStatements,
  statementId,
  type Statement,
  type SyncState,
  type TrustBundle,
} from '../../../shared/sync';
import type { Identity } from '../../../shared/model';
import type { TaizhangDB } from '../database';
import { ensureKeys, getKeyPair, loadTrust, localPolicy, localWriterOf } from '../keys';

export interface SignedExport {
  state: SyncState;
  /** New statements made for this export (store them once the file is made). */
  fresh: Statement[];
  /** Records left out: this PC's local drafts, and versions nobody signed (written before signatures existed). */
  withheld: { drafts: number; unsigned: number };
}

/** Every statement this PC holds, indexed by the hashes it covers. */
export async function loadSignatureIndex(db: TaizhangDB): Promise<SignatureIndex> {
  return new SignatureIndex((await db.statements.toArray()).map((r) => r.statement));
}

/**
 * Make a state ready to leave this PC: every record version travels with its author's signature. This PC's own
 * versions that other PCs will accept (authority policy, publish mode) are signed now, in statements of up to
 * 10,000; its local drafts and versions no key ever signed stay home. The roster entries this PC trusts go along.
 */
export async function signForExport(db: TaizhangDB, identity: Identity, state: SyncState, at: Date): Promise<SignedExport> {
  await ensureKeys(db);
  const keys = await getKeyPair(db);
  const writer = await localWriterOf(db, identity);
  const ctx = await localPolicy(db);
  const trust = await loadTrust(db);
  const index = await loadSignatureIndex(db);
  const out: SyncState = { records: emptyRecordSets(), blobs: state.blobs };
  const used = new Map<string, Statement>();
  const toSign: string[] = [];
  let drafts = 0;
  let unsigned = 0;
  for (const table of TABLE_ORDER) {
    const kept = out.records[table] as unknown[];
    for (const r of state.records[table]) {
      const hash = recordHash(table, r);
      const st = index.statementFor(hash);
      if (st) {
        used.set(st.sig, st);
        kept.push(r);
      } else if (stampDevice(r.stamp) === identity.deviceId) {
        if (publishProblem(table, r as never, writer, ctx) === null) {
          toSign.push(hash);
          kept.push(r);
        } else drafts++;
      } else unsigned++;
    }
  }
  const fresh = signStatements(keys, { office: identity.office, device: identity.deviceId }, at.toISOString(), toSign);
  const trustBundle: TrustBundle = mergeTrust([{ roster: trust.validEntries, statements: [...used.values(), ...fresh] }]);
  out.trust = trustBundle;
  return { state: out, fresh, withheld: { drafts, unsigned } };
}

/**
 * Keep statements made or received, so later exports relay them. Only those not stored yet are written: a statement
 * is immutable and its id is its signature's hash, so a stored one is this one (every file of a collection carries
 * the plan owner's statements again, each up to 10,000 hashes).
 */
export async function storeStatements(db: TaizhangDB, statements: readonly Statement[]): Promise<void> {
  if (statements.length === 0) return;
  const rows = new Map(statements.map((statement) => [statementId(statement), statement]));
  const stored = new Set(await db.statements.where(':id').anyOf([...rows.keys()]).primaryKeys());
  const fresh = [...rows].filter(([id]) => !stored.has(id)).map(([id, statement]) => ({ id, statement }));
  if (fresh.length) await db.statements.bulkPut(fresh);
}
