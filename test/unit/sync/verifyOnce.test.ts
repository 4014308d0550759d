import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TABLE_ORDER, simulate } from '../../../shared/sync';
import { applyImport, previewImport, type FilePreview } from '../../../renderer/db/sync';
import { exportFile, openPc, ok } from './dbHelpers';


/** Issue 10's cost rule: a first import hashes each record version once (check and apply share it); a re-import verifies nothing. */
describe('signature checking is done once', () => {
  it('hashes every record of a first import once, none again at apply, and none on a re-import', async () => {
    const sim = simulate({ offices: 3, tasks: 6, reports: 80, seed: 21 });
    const [sup, dept] = sim.pcs;
    const now = Date.UTC(2024, 11, 1);
    const source = await openPc(sup!.identity, sup!.state, sim.trust);
    const file = await exportFile(source, 'full', new Date(now));
    const target = await openPc(dept!.identity, undefined, sim.trust);
    const first = ok((await previewImport(target, [file], now))[0]!);
    const records = TABLE_ORDER.reduce((n, t) => n + (first.manifest.counts[t] ?? 0), 0);
    expect(first.unauthorized).toHaveLength(0);
    expect(first.signatures.hashed).toBe(records);
    const applied = await applyImport(target, [{ preview: first, choice: {} }], { now });
    expect(applied.written).toBe(records);
    expect(first.signatures.hashed).toBe(records); // the apply judged the same versions without hashing them again
    const again = ok((await previewImport(target, [file], now + 1000))[0]!);
    expect(again.counts.unchanged).toBe(records);
    expect(again.signatures.hashed).toBe(0);
    expect((await applyImport(target, [{ preview: again, choice: {} }], { now: now + 1000 })).written).toBe(0);
    expect(again.signatures.hashed).toBe(0);
  });
});
