import { z } from 'zod';
import type { SyncedTable } from '../model/schemas';
import { canonicalJson } from './canonical';
import { PublicKeySchema, SIGNATURE_ALGORITHM, keyIdOf, signBytes, sm3Hex, utf8, verifyBytes, type KeyPair } from './keys';
import { sm3Text } from './sm3';

/**
 * Signatures of record versions. The unit of signing is one record version by its author device: the SM3 hash
 * of the record's canonical JSON (every field, including id, stamp, by and deleted) together with its table.
 * A device signs its versions in batches ("statements": up to STATEMENT_MAX hashes under one SM2 signature),
 * made when it exports, so verifying 100,000 records costs a few signature checks plus one hash per record.
 * Statements are immutable and travel with the records they cover, so a third office relaying a record passes
 * the author's signature on unchanged, and the state-based merge is untouched (records carry no new field).
 */
export const STATEMENT_MAX = 10_000;
const Hash = z.string().regex(/^[0-9a-f]{64}$/);

export const StatementSchema = z.strictObject({
  type: z.literal('statement'),
  algorithm: z.literal(SIGNATURE_ALGORITHM),
  publicKey: PublicKeySchema,
  /** Who the signer says it is; the roster decides what the key may sign. */
  office: z.string().max(200),
  device: z.string().regex(/^[A-Za-z0-9_]{1,64}$/),
  at: z.string().datetime({ offset: true }),
  hashes: z.array(Hash).min(1).max(STATEMENT_MAX),
  sig: z.string().regex(/^[0-9a-f]{128}$/),
});
export type Statement = z.infer<typeof StatementSchema>;

/** The hash a signature covers: table and canonical record. */
export function recordHash(table: SyncedTable, record: unknown): string {
  return sm3Text(`${table}\n${canonicalJson(record)}`);
}

const bodyBytes = (st: Omit<Statement, 'sig'> | Statement) => {
  const { sig: _sig, ...body } = st as Statement;
  return utf8.encode(canonicalJson(body));
};

export function statementId(st: Statement): string {
  return sm3Hex(st.sig).slice(0, 32);
}

/** Sign hashes of this device's record versions, in statements of at most STATEMENT_MAX. */
export function signStatements(keys: KeyPair, who: { office: string; device: string }, at: string, hashes: readonly string[]): Statement[] {
  const out: Statement[] = [];
  for (let i = 0; i < hashes.length; i += STATEMENT_MAX) {
    const body = { type: 'statement' as const, algorithm: SIGNATURE_ALGORITHM, publicKey: keys.publicKey, office: who.office, device: who.device, at, hashes: hashes.slice(i, i + STATEMENT_MAX) };
    out.push({ ...body, sig: signBytes(keys, bodyBytes(body)) });
  }
  return out;
}

const verified = new Set<string>();
/** Does the statement's signature verify under its own public key? Cached per statement. */
export function statementVerifies(st: Statement): boolean {
  if (verified.has(st.sig)) return true;
  const ok = verifyBytes(st.publicKey, bodyBytes(st), st.sig);
  if (ok) {
    if (verified.size > 100_000) verified.clear();
    verified.add(st.sig);
  }
  return ok;
}

/** Who signed a record version, as its statement says (the roster then decides what that key may do). */
export interface Signer {
  keyId: string;
  publicKey: string;
  office: string;
  device: string;
  statement: string;
}

export type SignerLookup = (table: SyncedTable, record: { id: string; stamp: string; by: string }) => Signer | { problem: string };

/**
 * Finds the signature of record versions among statements (those of a file, plus any stored). A statement's
 * signature is checked once, on first use; one that fails makes every record it would cover unsigned.
 */
export class SignatureIndex {
  private byHash = new Map<string, Statement>();
  private bad = new Set<Statement>();
  private ids = new Map<Statement, string>();
  private signers = new Map<Statement, Signer>();
  /**
   * What `signerOf` found for a record object (and the table and stamp it was asked with): an import's check and
   * its apply judge the same decoded objects, so each version is hashed once. Records are never mutated once
   * decoded; a lookup with another table or stamp is computed afresh.
   */
  private found = new WeakMap<object, { table: SyncedTable; stamp: string; result: Signer | { problem: string } }>();
  readonly statements: Statement[] = [];
  /** Record versions hashed so far (a re-import hashes none; an apply after its check hashes none again). */
  hashed = 0;

  constructor(statements: Iterable<Statement> = []) {
    for (const st of statements) this.add(st);
  }

  add(st: Statement): void {
    this.statements.push(st);
    for (const h of st.hashes) if (!this.byHash.has(h)) this.byHash.set(h, st);
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The statement covering this exact hash, if its signature verifies. */
  statementFor(hash: string): Statement | null {
    const st = this.byHash.get(hash);
    if (!st || this.bad.has(st)) return null;
    if (!statementVerifies(st)) {
      this.bad.add(st);
      return null;
    }
    return st;
  }

  idOf(st: Statement): string {
    let id = this.ids.get(st);
    if (!id) this.ids.set(st, (id = statementId(st)));
    return id;
  }

  signerOf: SignerLookup = (table, record) => {
    const known = this.found.get(record);
    if (known && known.table === table && known.stamp === record.stamp) return known.result;
    const result = this.lookUp(table, record);
    this.found.set(record, { table, stamp: record.stamp, result });
    return result;
  };

  private lookUp(table: SyncedTable, record: { id: string; stamp: string; by: string }): Signer | { problem: string } {
    this.hashed++;
    const st = this.statementFor(recordHash(table, record));
    if (!st) return { problem: '没有有效签名：内容与签名不符，或签名缺失（记录可能被伪造、篡改或重放）' };
    let signer = this.signers.get(st);
    if (!signer) {
      signer = { keyId: keyIdOf(st.publicKey), publicKey: st.publicKey, office: st.office, device: st.device, statement: this.idOf(st) };
      this.signers.set(st, signer);
    }
    return signer;
  }
}
