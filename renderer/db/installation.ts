import { createClock, tick, observe, randomId, IdentitySchema, type HlcState, type Identity } from '../../shared/model';
import type { TaizhangDB } from './database';
import { loadTrust } from './keys';

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
  const row = await db.meta.get(IDENTITY);
  const parsed = IdentitySchema.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

export async function setIdentity(db: TaizhangDB, office: string, role: Identity['role']): Promise<Identity> {
  const identity = IdentitySchema.parse({ deviceId: await getDeviceId(db), office: office.trim(), role });
  await db.meta.put({ key: IDENTITY, value: identity });
  // First run: the key pair is made now, and a supervisor PC starts its office's roster (keys.ts).
  await loadTrust(db);
  return identity;
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
