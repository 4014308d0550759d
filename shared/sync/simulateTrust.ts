import type { Identity } from '../model/schemas';
import { stampDevice } from './canonical';
import { keyIdOf, keyPairFromSeed, type KeyPair } from './keys';
import { acceptEnrollment, genesisEntry, makeEnrollmentRequest, type Anchor, type RosterEntry } from './roster';
import { recordHash, signStatements, type Statement } from './signing';
import { TABLE_ORDER, type SyncState } from './state';

/** What the simulated offices need to sign and verify: one key per PC, the supervisor's roster, everyone's anchor. */
export interface SimulatedTrust {
  keys: Map<string, KeyPair>;
  identities: Identity[];
  anchor: Anchor;
  roster: RosterEntry[];
}

/** Deterministic keys for the simulated PCs, and the supervisor's roster enrolling every PC. */
export function simulatedTrust(_seed: number, identities: readonly Identity[], at: string): SimulatedTrust {
  // Keys depend on the PC's place in the simulation only (the same across seeds: key generation is the slow part).
  const keys = new Map(identities.map((id, i) => [id.deviceId, keyPairFromSeed(`sim-key-${i}`)] as const));
  const sup = identities.find((i) => i.role === 'supervisor')!;
  const supKeys = keys.get(sup.deviceId)!;
  const roster: RosterEntry[] = [genesisEntry(supKeys, sup.office, sup.deviceId, at)];
  for (const id of identities) {
    if (id === sup) continue;
    const request = makeEnrollmentRequest(keys.get(id.deviceId)!, { office: id.office, role: id.role, device: id.deviceId }, at);
    roster.push(acceptEnrollment(supKeys, sup.office, request, at));
  }
  return { keys, identities: [...identities], anchor: { issuer: sup.office, keyId: keyIdOf(supKeys.publicKey), publicKey: supKeys.publicKey, device: sup.deviceId }, roster };
}

/** Enroll one more PC in the simulated supervisor's roster (a second PC of an office, a test's extra PC). */
export function enrollSimulated(trust: SimulatedTrust, identity: Identity, at: string): SimulatedTrust {
  const keys = keyPairFromSeed(`sim-key-extra-${identity.deviceId}-${identity.office}`);
  const sup = trust.identities.find((i) => i.role === 'supervisor')!;
  const entry = acceptEnrollment(trust.keys.get(sup.deviceId)!, sup.office, makeEnrollmentRequest(keys, { office: identity.office, role: identity.role, device: identity.deviceId }, at), at);
  return { ...trust, keys: new Map([...trust.keys, [identity.deviceId, keys]]), identities: [...trust.identities, identity], roster: [...trust.roster, entry] };
}

/**
 * Sign every record version of the given states by its author device (the device in its stamp), and give each
 * state the roster and the statements covering its records: what each PC's export would carry.
 */
export function signStates(states: readonly SyncState[], identities: readonly Identity[], trust: SimulatedTrust, at: string): void {
  identities = [...identities, ...trust.identities];
  const byDevice = new Map<string, Set<string>>();
  const hashes: string[][] = [];
  for (const s of states) {
    const mine: string[] = [];
    for (const table of TABLE_ORDER) {
      for (const r of s.records[table]) {
        const h = recordHash(table, r);
        mine.push(h);
        const d = stampDevice(r.stamp);
        let set = byDevice.get(d);
        if (!set) byDevice.set(d, (set = new Set()));
        set.add(h);
      }
    }
    hashes.push(mine);
  }
  const statementOf = new Map<string, Statement>();
  for (const [device, set] of byDevice) {
    const id = identities.find((i) => i.deviceId === device);
    const keys = trust.keys.get(device);
    if (!id || !keys) continue;
    for (const st of signStatements(keys, { office: id.office, device }, at, [...set].sort())) for (const h of st.hashes) statementOf.set(h, st);
  }
  states.forEach((s, i) => {
    const needed = new Set<Statement>();
    for (const h of hashes[i]!) {
      const st = statementOf.get(h);
      if (st) needed.add(st);
    }
    s.trust = { roster: [...trust.roster], statements: [...needed] };
  });
}
