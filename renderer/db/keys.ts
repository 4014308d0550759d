// From the modules themselves, not the shared/sync index: start-up needs the keys and the roster, not the file codec.
import { exportPrivateKey, fingerprintOf, generateKeyPair, keyIdOf, SIGNATURE_ALGORITHM, type KeyPair } from '../../shared/sync/keys';
import {
  acceptEnrollment,
  entryId,
  genesisEntry,
  makeEnrollmentRequest,
  readEnrollmentRequest,
  revokeEntry,
  Trust,
  unanchoredIssuers,
  type Anchor,
  type EnrolledKey,
  type RosterEntry,
} from '../../shared/sync/roster';
import type { LocalWriter, PolicyContext } from '../../shared/sync/authority';
import { IdentitySchema, normalizeKey, type Identity, type Plan, type Unit } from '../../shared/model';
import { planLookup } from '../../shared/sync/authority';
import type { TaizhangDB } from './database';

/** This PC's identity (read here directly: installation.ts calls into this module when the identity is set). */
async function getIdentity(db: TaizhangDB): Promise<Identity | null> {
  const parsed = IdentitySchema.safeParse((await db.meta.get('identity'))?.value);
  return parsed.success ? parsed.data : null;
}
import { InputRefusedError } from './errors';

/**
 * This installation's key pair, its anchors (supervisor offices whose root key fingerprint its user confirmed),
 * and the roster entries it holds. The private key never leaves the database except through
 * `exportKeyBackup`, under a password.
 */
const KEYS = 'keys';
const ANCHORS = 'anchors';

interface StoredKeys extends KeyPair {
  algorithm: typeof SIGNATURE_ALGORITHM;
  createdAt: string;
}

/** This PC's key pair, made at first use (first run) and kept forever. */
export async function getKeyPair(db: TaizhangDB): Promise<KeyPair> {
  const row = await db.meta.get(KEYS);
  const value = row?.value as StoredKeys | undefined;
  if (value && typeof value.publicKey === 'string' && typeof value.privateKey === 'string') return { publicKey: value.publicKey, privateKey: value.privateKey };
  const keys = generateKeyPair();
  return db.transaction('rw', db.meta, async () => {
    const again = (await db.meta.get(KEYS))?.value as StoredKeys | undefined;
    if (again?.publicKey) return { publicKey: again.publicKey, privateKey: again.privateKey };
    const stored: StoredKeys = { ...keys, algorithm: SIGNATURE_ALGORITHM, createdAt: new Date().toISOString() };
    await db.meta.put({ key: KEYS, value: stored });
    return keys;
  });
}

/** This PC's key pair if it has one (read only: safe inside live queries). */
export async function readKeyPair(db: TaizhangDB): Promise<KeyPair | null> {
  const value = (await db.meta.get(KEYS))?.value as StoredKeys | undefined;
  return value && typeof value.publicKey === 'string' && typeof value.privateKey === 'string' ? { publicKey: value.publicKey, privateKey: value.privateKey } : null;
}

/** Put a given key pair in place (tests, simulations, restoring a key backup). */
export async function setKeyPair(db: TaizhangDB, keys: KeyPair): Promise<void> {
  await db.meta.put({ key: KEYS, value: { ...keys, algorithm: SIGNATURE_ALGORITHM, createdAt: new Date().toISOString() } satisfies StoredKeys });
}

export async function getAnchors(db: TaizhangDB): Promise<Anchor[]> {
  const value = (await db.meta.get(ANCHORS))?.value;
  return Array.isArray(value) ? (value as Anchor[]) : [];
}

async function setAnchors(db: TaizhangDB, anchors: Anchor[]): Promise<void> {
  await db.meta.put({ key: ANCHORS, value: anchors });
}

export async function addRosterEntries(db: TaizhangDB, entries: readonly RosterEntry[]): Promise<void> {
  if (entries.length) await db.roster.bulkPut(entries.map((entry) => ({ id: entryId(entry), entry })));
}

/**
 * A supervisor PC with no roster for its office starts one: its own key is the root (the anchor) and the
 * genesis entry travels with its files. A second supervisor PC of the same office instead enrolls with the
 * first (注册文件) and confirms that root; its own genesis is then dropped.
 */
async function ensureOwnRoster(db: TaizhangDB, identity: Identity, keys: KeyPair, anchors: Anchor[]): Promise<Anchor[]> {
  if (identity.role !== 'supervisor' || anchors.some((a) => normalizeKey(a.issuer) === normalizeKey(identity.office))) return anchors;
  const genesis = genesisEntry(keys, identity.office, identity.deviceId, new Date().toISOString());
  const anchor: Anchor = { issuer: identity.office, keyId: keyIdOf(keys.publicKey), publicKey: keys.publicKey, device: identity.deviceId };
  const next = [...anchors, anchor];
  await db.transaction('rw', [db.meta, db.roster], async () => {
    await setAnchors(db, next);
    await addRosterEntries(db, [genesis]);
  });
  return next;
}

/**
 * First run (and before any sync command): this PC's key pair exists, and a supervisor PC's office has a roster.
 * Writes; never call it from a live query.
 */
export async function ensureKeys(db: TaizhangDB): Promise<void> {
  const identity = await getIdentity(db);
  const keys = await getKeyPair(db);
  if (identity) await ensureOwnRoster(db, identity, keys, await getAnchors(db));
}

/**
 * The last Trust built and what it was built from. Building one verifies every roster signature (tens of ms), and
 * the screens ask on every database change (a live query of what the user may do); a Trust depends on its anchors and
 * entries only (shared/sync/roster.ts), so the same ones give back the same object.
 */
let lastTrust: { of: string; trust: Trust } | null = null;

/** What this PC trusts now: its anchors and the roster entries it holds. Read only. */
export async function loadTrust(db: TaizhangDB): Promise<Trust> {
  const anchors = await getAnchors(db);
  const entries = (await db.roster.toArray()).map((r) => r.entry);
  const of = JSON.stringify([anchors, entries]);
  if (lastTrust?.of === of) return lastTrust.trust;
  const trust = new Trust(anchors, entries);
  lastTrust = { of, trust };
  return trust;
}

/** This installation as a writer, for the authority policy. */
export async function localWriterOf(db: TaizhangDB, identity: Identity): Promise<LocalWriter> {
  const keys = await readKeyPair(db);
  return { identity, keyId: keys ? keyIdOf(keys.publicKey) : '' };
}

/** The policy context of a local write: this PC's trust, its plans, its units. */
export async function localPolicy(db: TaizhangDB, plans?: Plan[], units?: Unit[]): Promise<PolicyContext> {
  const trust = await loadTrust(db);
  const allPlans = plans ?? (await db.plans.toArray());
  const unitMap = new Map((units ?? (await db.units.toArray())).map((u) => [u.id, u]));
  return { trust, planOf: planLookup(allPlans, [], trust), unitOf: (id) => unitMap.get(id) };
}

export interface OwnKeyInfo {
  publicKey: string;
  keyId: string;
  fingerprint: string;
  algorithm: typeof SIGNATURE_ALGORITHM;
  /** Rosters that list this key, by supervisor office. */
  enrolledIn: EnrolledKey[];
}

export async function ownKeyInfo(db: TaizhangDB): Promise<OwnKeyInfo | null> {
  const keys = await readKeyPair(db);
  if (!keys) return null;
  const keyId = keyIdOf(keys.publicKey);
  const trust = await loadTrust(db);
  return {
    publicKey: keys.publicKey,
    keyId,
    fingerprint: fingerprintOf(keys.publicKey),
    algorithm: SIGNATURE_ALGORITHM,
    enrolledIn: trust.issuers().flatMap((i) => trust.key(i, keyId) ?? []),
  };
}

/** The 注册文件 of this PC: office, role, device and public key, self-signed. */
export async function exportEnrollmentFile(db: TaizhangDB, now = new Date()): Promise<{ fileName: string; text: string; fingerprint: string }> {
  const identity = await getIdentity(db);
  if (!identity) throw new InputRefusedError('请先设置本机所属单位');
  await ensureKeys(db);
  const keys = await getKeyPair(db);
  const request = makeEnrollmentRequest(keys, { office: identity.office, role: identity.role, device: identity.deviceId }, now.toISOString());
  const office = identity.office.replace(/[\\/:*?"<>|\s]/g, '');
  return { fileName: `注册文件-${office}-${identity.deviceId}.tzkey.json`, text: JSON.stringify(request, null, 2), fingerprint: fingerprintOf(keys.publicKey) };
}

async function requireSupervisorKey(db: TaizhangDB): Promise<{ identity: Identity; keys: KeyPair; trust: Trust }> {
  const identity = await getIdentity(db);
  if (!identity || identity.role !== 'supervisor') throw new InputRefusedError('只有督办单位的电脑可以登记或撤销密钥');
  await ensureKeys(db);
  const keys = await getKeyPair(db);
  const trust = await loadTrust(db);
  const me = trust.key(identity.office, keyIdOf(keys.publicKey));
  if (!me || me.role !== 'supervisor' || me.revokedSince !== null) throw new InputRefusedError(`本机密钥不在「${identity.office}」的名册中（或已撤销），不能登记其他电脑`);
  return { identity, keys, trust };
}

/** Read a 注册文件 for the supervisor to check (nothing is written). */
export function previewEnrollment(text: string) {
  try {
    return readEnrollmentRequest(text);
  } catch (e) {
    throw new InputRefusedError((e as Error).message);
  }
}

/** Accept a 注册文件 after the fingerprint was confirmed by phone: the key joins this office's roster. */
export async function acceptEnrollmentFile(db: TaizhangDB, text: string, confirmedFingerprint: string, now = new Date()): Promise<EnrolledKey> {
  const request = previewEnrollment(text);
  if (request.fingerprint.replace(/\s/g, '') !== confirmedFingerprint.replace(/\s/g, '')) throw new InputRefusedError('指纹与注册文件不一致，未登记');
  const { identity, keys, trust } = await requireSupervisorKey(db);
  const existing = trust.key(identity.office, keyIdOf(request.publicKey));
  if (existing && existing.revokedSince === null) throw new InputRefusedError(`该电脑已登记（${existing.office}，设备 ${existing.device}）`);
  if (existing) throw new InputRefusedError('该密钥已被撤销，不能再次登记；请在该电脑上重新生成密钥');
  const entry = acceptEnrollment(keys, identity.office, request, now.toISOString());
  await addRosterEntries(db, [entry]);
  const after = await loadTrust(db);
  return after.key(identity.office, keyIdOf(request.publicKey))!;
}

/** Withdraw a key from this office's roster: its changes stamped from `since` on are refused everywhere. */
export async function revokeKey(db: TaizhangDB, keyId: string, reason: string, since = new Date(), now = new Date()): Promise<void> {
  const { identity, keys, trust } = await requireSupervisorKey(db);
  if (!trust.key(identity.office, keyId)) throw new InputRefusedError('名册中没有这把密钥');
  if (keyId === keyIdOf(keys.publicKey)) throw new InputRefusedError('不能撤销本机自己的密钥');
  await addRosterEntries(db, [revokeEntry(keys, identity.office, keyId, since.toISOString(), reason.trim().slice(0, 200), now.toISOString())]);
}

/** The roster of this PC's office (supervisor) or of every confirmed office, for the enrollment list. */
export async function listRoster(db: TaizhangDB): Promise<EnrolledKey[]> {
  const trust = await loadTrust(db);
  return trust.issuers().flatMap((i) => trust.keysOf(i));
}

/** Supervisor offices named by roster entries in `entries` that this PC has not confirmed. */
export async function rosterOffers(db: TaizhangDB, entries: readonly RosterEntry[]) {
  return unanchoredIssuers(await loadTrust(db), entries);
}

/**
 * The user confirmed by phone that `publicKey` is the root key of `issuer`: trust that office's roster from now
 * on. Replaces an earlier anchor of the same office (a second supervisor PC joining its office's roster).
 */
export async function confirmAnchor(db: TaizhangDB, anchor: Anchor, genesis: RosterEntry): Promise<void> {
  if (keyIdOf(anchor.publicKey) !== anchor.keyId) throw new InputRefusedError('密钥信息不一致');
  await db.transaction('rw', [db.meta, db.roster], async () => {
    const anchors = (await getAnchors(db)).filter((a) => normalizeKey(a.issuer) !== normalizeKey(anchor.issuer));
    await setAnchors(db, [...anchors, anchor]);
    await addRosterEntries(db, [genesis]);
  });
}

/** The private key, encrypted with a password (moving to a new PC, or a backup). */
export async function exportKeyBackup(db: TaizhangDB, password: string): Promise<{ fileName: string; text: string }> {
  const identity = await getIdentity(db);
  if (!identity) throw new InputRefusedError('请先设置本机所属单位');
  try {
    const text = exportPrivateKey(await getKeyPair(db), { office: identity.office, device: identity.deviceId }, password);
    return { fileName: `密钥备份-${identity.office}-${identity.deviceId}.tzkey`, text };
  } catch (e) {
    throw new InputRefusedError((e as Error).message);
  }
}
