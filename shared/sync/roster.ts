import { z } from 'zod';
import { normalizeKey } from '../model/ids';
import { INSTALLATION_ROLES } from '../model/schemas';
import { canonicalJson } from './canonical';
import { PublicKeySchema, SIGNATURE_ALGORITHM, fingerprintOf, isValidPublicKey, keyIdOf, signBytes, sm3Hex, verifyBytes, utf8, type KeyPair } from './keys';

/**
 * Enrollment and the roster. A department PC exports a small 注册文件 (its office, device and public key,
 * self-signed); a supervisor checks the fingerprint by phone and accepts it, which adds a signed `enroll` entry
 * to the supervisor office's roster; `revoke` entries withdraw a key from a moment on. Roster entries are
 * immutable and signed, so the roster is a grow-only set: every PC holding the same entries derives the same
 * keys, in whatever order they arrived. Each PC trusts a supervisor office only once its user has confirmed
 * that office's root key fingerprint (its anchor); keys follow from the anchor through signed entries.
 */
const Office = z.string().trim().min(1).max(200);
const Device = z.string().regex(/^[A-Za-z0-9_]{1,64}$/);
const KeyId = z.string().regex(/^[0-9a-f]{32}$/);
const Signature = z.string().regex(/^[0-9a-f]{128}$/);
const IsoDateTime = z.string().datetime({ offset: true });

/** The 注册文件: exported by a PC that wants to be enrolled. */
export const EnrollmentRequestSchema = z.strictObject({
  format: z.literal('taizhang-enrollment'),
  version: z.literal(1),
  algorithm: z.literal(SIGNATURE_ALGORITHM),
  office: Office,
  role: z.enum(INSTALLATION_ROLES),
  device: Device,
  publicKey: PublicKeySchema,
  createdAt: IsoDateTime,
  /** Proof that the sender holds the private key (signed by the key itself). */
  sig: Signature,
});
export type EnrollmentRequest = z.infer<typeof EnrollmentRequestSchema>;

export const EnrollEntrySchema = z.strictObject({
  type: z.literal('enroll'),
  /** The supervisor office whose roster this is (the owner office of its plans). */
  issuer: Office,
  office: Office,
  role: z.enum(INSTALLATION_ROLES),
  device: Device,
  publicKey: PublicKeySchema,
  algorithm: z.literal(SIGNATURE_ALGORITHM),
  at: IsoDateTime,
  /** Key id of the supervisor key that accepted it (the key itself for the office's first PC). */
  signer: KeyId,
  sig: Signature,
});
export const RevokeEntrySchema = z.strictObject({
  type: z.literal('revoke'),
  issuer: Office,
  key: KeyId,
  /** Changes stamped from this moment on under the key are refused. */
  since: IsoDateTime,
  reason: z.string().max(200),
  at: IsoDateTime,
  signer: KeyId,
  sig: Signature,
});
export const RosterEntrySchema = z.discriminatedUnion('type', [EnrollEntrySchema, RevokeEntrySchema]);
export type EnrollEntry = z.infer<typeof EnrollEntrySchema>;
export type RevokeEntry = z.infer<typeof RevokeEntrySchema>;
export type RosterEntry = z.infer<typeof RosterEntrySchema>;

/** This PC's confirmation that `keyId` is the root key of `issuer` (after checking the fingerprint). */
export interface Anchor {
  issuer: string;
  keyId: string;
  publicKey: string;
  device: string;
}

const unsigned = <T extends { sig: string }>(x: T): Omit<T, 'sig'> => {
  const { sig: _sig, ...rest } = x;
  return rest;
};
const bytesOf = (value: unknown) => utf8.encode(canonicalJson(value));

export function entryId(entry: RosterEntry): string {
  return sm3Hex(canonicalJson(entry)).slice(0, 32);
}

export function makeEnrollmentRequest(keys: KeyPair, who: { office: string; role: EnrollmentRequest['role']; device: string }, createdAt: string): EnrollmentRequest {
  const body = { format: 'taizhang-enrollment' as const, version: 1 as const, algorithm: SIGNATURE_ALGORITHM, office: who.office.trim(), role: who.role, device: who.device, publicKey: keys.publicKey, createdAt };
  return { ...body, sig: signBytes(keys, bytesOf(body)) };
}

export class EnrollmentError extends Error {
  override readonly name = 'EnrollmentError';
}

/** Read a 注册文件: schema, a valid curve point, and the self-signature. */
export function readEnrollmentRequest(text: string): EnrollmentRequest & { fingerprint: string } {
  let parsed: EnrollmentRequest;
  try {
    parsed = EnrollmentRequestSchema.parse(JSON.parse(text));
  } catch {
    throw new EnrollmentError('这不是本软件导出的注册文件，或文件已损坏');
  }
  if (!isValidPublicKey(parsed.publicKey) || !verifyBytes(parsed.publicKey, bytesOf(unsigned(parsed)), parsed.sig)) {
    throw new EnrollmentError('注册文件的签名无效（文件被修改过），已拒绝');
  }
  return { ...parsed, fingerprint: fingerprintOf(parsed.publicKey) };
}

export function signEntry<T extends Omit<EnrollEntry, 'sig'> | Omit<RevokeEntry, 'sig'>>(keys: KeyPair, body: T): T & { sig: string } {
  return { ...body, sig: signBytes(keys, bytesOf(body)) };
}

/** The first entry of a supervisor office's roster: its first PC's key, signed by itself. */
export function genesisEntry(keys: KeyPair, office: string, device: string, at: string): EnrollEntry {
  return signEntry(keys, {
    type: 'enroll', issuer: office, office, role: 'supervisor', device, publicKey: keys.publicKey, algorithm: SIGNATURE_ALGORITHM, at, signer: keyIdOf(keys.publicKey),
  });
}

/** A supervisor accepts a 注册文件: the signed entry that enrolls the key in its office's roster. */
export function acceptEnrollment(supervisor: KeyPair, issuer: string, request: EnrollmentRequest, at: string): EnrollEntry {
  return signEntry(supervisor, {
    type: 'enroll', issuer, office: request.office, role: request.role, device: request.device, publicKey: request.publicKey,
    algorithm: SIGNATURE_ALGORITHM, at, signer: keyIdOf(supervisor.publicKey),
  });
}

export function revokeEntry(supervisor: KeyPair, issuer: string, key: string, since: string, reason: string, at: string): RevokeEntry {
  return signEntry(supervisor, { type: 'revoke', issuer, key, since, reason, at, signer: keyIdOf(supervisor.publicKey) });
}

/** A key as the roster of one supervisor office knows it. */
export interface EnrolledKey {
  keyId: string;
  publicKey: string;
  issuer: string;
  office: string;
  role: EnrollEntry['role'];
  device: string;
  fingerprint: string;
  enrolledAt: string;
  /** Epoch ms from which its changes are refused; null while in force. */
  revokedSince: number | null;
  revokeReason: string | null;
}

const verifiedEntries = new Set<string>();
function entryVerifies(entry: RosterEntry, publicKey: string): boolean {
  const key = `${entry.sig}:${publicKey}`;
  if (verifiedEntries.has(key)) return true;
  const ok = verifyBytes(publicKey, bytesOf(unsigned(entry)), entry.sig);
  if (ok) {
    if (verifiedEntries.size > 50_000) verifiedEntries.clear();
    verifiedEntries.add(key);
  }
  return ok;
}

const sameOffice = (a: string, b: string) => normalizeKey(a) === normalizeKey(b);

/**
 * The keys every supervisor office's roster vouches for, derived from this PC's anchors and the roster
 * entries it holds. Pure and order-independent: the same anchors and entries give the same keys.
 */
export class Trust {
  private byIssuer = new Map<string, Map<string, EnrolledKey>>();
  /** Entries that verify under an anchor (what a PC keeps and passes on). */
  readonly validEntries: RosterEntry[] = [];

  constructor(
    readonly anchors: readonly Anchor[],
    entries: readonly RosterEntry[],
  ) {
    for (const anchor of anchors) this.derive(anchor, entries.filter((e) => sameOffice(e.issuer, anchor.issuer)));
  }

  private derive(anchor: Anchor, entries: readonly RosterEntry[]): void {
    const enrolls = (entries.filter((e) => e.type === 'enroll') as EnrollEntry[]).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : entryId(a) < entryId(b) ? -1 : 1));
    const revokes = entries.filter((e) => e.type === 'revoke') as RevokeEntry[];
    const root: EnrolledKey = {
      keyId: anchor.keyId, publicKey: anchor.publicKey, issuer: anchor.issuer, office: anchor.issuer, role: 'supervisor', device: anchor.device,
      fingerprint: fingerprintOf(anchor.publicKey), enrolledAt: '', revokedSince: null, revokeReason: null,
    };
    // Revocations only ever shrink what is trusted, so iterate to a fixed point from "nothing revoked".
    let revoked = new Map<string, { since: number; reason: string }>();
    let keys = new Map<string, EnrolledKey>();
    let used: RosterEntry[] = [];
    for (let round = 0; round < 8; round++) {
      const isSupervisorAt = (keyId: string, at: string): EnrolledKey | null => {
        const k = keys.get(keyId);
        if (!k || k.role !== 'supervisor' || !sameOffice(k.office, anchor.issuer)) return null;
        const r = revoked.get(keyId);
        return r && Date.parse(at) >= r.since ? null : k;
      };
      keys = new Map([[root.keyId, { ...root }]]);
      used = [];
      let grew = true;
      while (grew) {
        grew = false;
        for (const e of enrolls) {
          const id = keyIdOf(e.publicKey);
          if (keys.has(id) && id !== root.keyId) continue;
          const signer = isSupervisorAt(e.signer, e.at);
          if (!signer || !entryVerifies(e, signer.publicKey)) continue;
          if (id === root.keyId) {
            // The root's own genesis entry: only its office and device are taken from it.
            if (!used.includes(e)) used.push(e);
            continue;
          }
          keys.set(id, { keyId: id, publicKey: e.publicKey, issuer: anchor.issuer, office: e.office, role: e.role, device: e.device, fingerprint: fingerprintOf(e.publicKey), enrolledAt: e.at, revokedSince: null, revokeReason: null });
          used.push(e);
          grew = true;
        }
      }
      const nextRevoked = new Map<string, { since: number; reason: string }>();
      for (const r of revokes) {
        const signer = isSupervisorAt(r.signer, r.at);
        if (!signer || !entryVerifies(r, signer.publicKey)) continue;
        const since = Date.parse(r.since);
        const cur = nextRevoked.get(r.key);
        if (!cur || since < cur.since) nextRevoked.set(r.key, { since, reason: r.reason });
        used.push(r);
      }
      const same = nextRevoked.size === revoked.size && [...nextRevoked].every(([k, v]) => revoked.get(k)?.since === v.since);
      revoked = nextRevoked;
      if (same) break;
    }
    for (const [id, r] of revoked) {
      const k = keys.get(id);
      if (k) {
        k.revokedSince = r.since;
        k.revokeReason = r.reason;
      }
    }
    this.byIssuer.set(normalizeKey(anchor.issuer), keys);
    this.validEntries.push(...used);
  }

  isAnchored(issuer: string): boolean {
    return this.byIssuer.has(normalizeKey(issuer));
  }

  /** The key as enrolled in `issuer`'s roster, or undefined. */
  key(issuer: string, keyId: string): EnrolledKey | undefined {
    return this.byIssuer.get(normalizeKey(issuer))?.get(keyId);
  }

  keysOf(issuer: string): EnrolledKey[] {
    return [...(this.byIssuer.get(normalizeKey(issuer))?.values() ?? [])];
  }

  issuers(): string[] {
    return this.anchors.map((a) => a.issuer);
  }

  /** Is the key a supervisor key of some anchored office (may edit the shared unit list)? */
  supervisorOffices(keyId: string): EnrolledKey[] {
    const out: EnrolledKey[] = [];
    for (const keys of this.byIssuer.values()) {
      const k = keys.get(keyId);
      if (k && k.role === 'supervisor' && sameOffice(k.office, k.issuer)) out.push(k);
    }
    return out;
  }
}

/** Issuers named by genesis entries that this PC has no anchor for: offered for confirmation by fingerprint. */
export function unanchoredIssuers(trust: Trust, entries: readonly RosterEntry[]): { issuer: string; keyId: string; publicKey: string; device: string; fingerprint: string; entry: EnrollEntry }[] {
  const out = new Map<string, { issuer: string; keyId: string; publicKey: string; device: string; fingerprint: string; entry: EnrollEntry }>();
  for (const e of entries) {
    if (e.type !== 'enroll' || trust.isAnchored(e.issuer)) continue;
    const id = keyIdOf(e.publicKey);
    if (e.signer !== id || !sameOffice(e.office, e.issuer) || e.role !== 'supervisor') continue;
    if (!entryVerifies(e, e.publicKey)) continue;
    const k = `${normalizeKey(e.issuer)}\u0000${id}`;
    if (!out.has(k)) out.set(k, { issuer: e.issuer, keyId: id, publicKey: e.publicKey, device: e.device, fingerprint: fingerprintOf(e.publicKey), entry: e });
  }
  return [...out.values()];
}

