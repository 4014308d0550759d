import { createClock, tick, observe, randomId, IdentitySchema, type HlcState, type Identity } from '../../shared/model';
import type { TaizhangDB } from './database';
import { identityFromRow } from './identityRow';

const IDENTITY = 'identity';
const CLOCK = 'clock';
const DEVICE = 'deviceId';

/** This PC's device id: created once, random, kept forever in the database. */
export async function getDeviceId(db: TaizhangDB): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(DEVICE);
    if (typeof row?.value === 'string') return row.value;
    const id = randomId('dev').slice(0, 20);
    await db.meta.put({ key: DEVICE, value: id });
    return id;
  });
}

/** Which office this PC belongs to, and whether it is a supervisor installation; null before first-run setup. */
export async function getIdentity(db: TaizhangDB): Promise<Identity | null> {
  return identityFromRow((await db.meta.get(IDENTITY))?.value);
}


/**
 * This PC's key pair exists, and a supervisor PC's office has its roster (keys.ts). Its code (the SM2 curve) is
 * loaded here, when first needed, not with the first screen.
 */
async function ensureKeys(db: TaizhangDB): Promise<void> {
  await (await import('./keys')).ensureKeys(db);
}

/**
 * Start-up: this PC's identity, and (for a PC set up before keys existed, or an identity restored from a backup)
 * its key pair and its supervisor office's roster made now, so local edits are judged by the same policy as
 * after a first run. Writes only what is missing. The first screen does not wait for it: it reads the identity
 * alone (getIdentity), and the app calls this right after the first paint (App.tsx); exports and imports make the
 * keys themselves (signExport.ts, importSnapshot.ts).
 */
export async function openInstallation(db: TaizhangDB): Promise<Identity | null> {
  const identity = await getIdentity(db);
  if (identity) await ensureKeys(db);
  return identity;
}

export async function setIdentity(db: TaizhangDB, office: string, role: Identity['role']): Promise<Identity> {
  const identity = IdentitySchema.parse({ deviceId: await getDeviceId(db), office: office.trim(), role });
  const first = (await getIdentity(db)) === null;
  await db.meta.put({ key: IDENTITY, value: identity });
  if (first) await claimUnnamedRecords(db, identity);
  // First run: the key pair is made now, and a supervisor PC starts its office's roster (keys.ts).
  await ensureKeys(db);
  return identity;
}

/**
 * Records this PC wrote before the first-run question was answered (a plan made right after installing) carry no
 * office: they are this office's. They never left the PC (an export needs the identity), so they are named in place.
 */
async function claimUnnamedRecords(db: TaizhangDB, identity: Identity): Promise<void> {
  const mine = (stamp: string) => stamp.endsWith(`-${identity.deviceId}`);
  await db.transaction('rw', [db.plans, db.sections, db.tasks, db.units, db.reports, db.actions], async () => {
    for (const table of [db.plans, db.sections, db.tasks, db.units, db.reports, db.actions] as const) {
      const rows = (await (table as typeof db.tasks).toArray()) as { by: string; stamp: string; owner?: { office: string; device: string } }[];
      const fixed = rows
        .filter((r) => mine(r.stamp) && (r.by === '' || (r.owner && r.owner.office === '' && r.owner.device === identity.deviceId)))
        .map((r) => ({ ...r, by: r.by === '' ? identity.office : r.by, ...(r.owner && r.owner.office === '' ? { owner: { ...r.owner, office: identity.office } } : {}) }));
      if (fixed.length) await (table as typeof db.tasks).bulkPut(fixed as never);
    }
  });
}

async function loadClock(db: TaizhangDB): Promise<HlcState> {
  const row = await db.meta.get(CLOCK);
  const value = row?.value as HlcState | undefined;
  if (value && typeof value.wall === 'number' && typeof value.counter === 'number') return value;
  return createClock(await getDeviceId(db));
}

/**
 * Take `count` fresh change stamps from the persisted hybrid logical clock. Call inside the same transaction
 * as the write when possible (include `db.meta` in its scope).
 */
export async function nextStamps(db: TaizhangDB, count = 1, now = Date.now()): Promise<string[]> {
  return db.transaction('rw', db.meta, async () => {
    let state = await loadClock(db);
    const stamps: string[] = [];
    for (let i = 0; i < count; i++) {
      const next = tick(state, now);
      state = next.state;
      stamps.push(next.stamp);
    }
    await db.meta.put({ key: CLOCK, value: state });
    return stamps;
  });
}

export async function nextStamp(db: TaizhangDB, now = Date.now()): Promise<string> {
  const [stamp] = await nextStamps(db, 1, now);
  return stamp!;
}

/** Advance the local clock past stamps seen on import (far-future stamps are ignored by `observe`). */
export async function observeStamps(db: TaizhangDB, stamps: Iterable<string>, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    let state = await loadClock(db);
    for (const s of stamps) state = observe(state, s, now);
    await db.meta.put({ key: CLOCK, value: state });
  });
}
