import { simulate, encodeSnapshot, concatBytes, decodeSnapshot, mergeStates } from '../../../shared/sync';
import { ReportSchema } from '../../../shared/model';
import { inflateSync } from 'fflate';
import { sha256 } from '@noble/hashes/sha2.js';
const sim = simulate({ offices: 6, tasks: 2000, reports: 100000, seed: 1 });
const state = mergeStates(sim.pcs.map(p => p.state));
const file = encodeSnapshot(state, { producer: sim.pcs[0]!.identity, app: {name:'x', version:'1'}, createdAt: '2024-10-01T09:30:00+08:00', scope: {kind:'full', since:null}});
const bytes = concatBytes(file.chunks);
const n = state.records.reports.length;
for (let i = 0; i < 3; i++) {
  let t = performance.now(); decodeSnapshot(bytes); const dec = performance.now() - t;
  t = performance.now(); sha256(bytes); const sha = performance.now() - t;
  const raw = new TextEncoder().encode(state.records.reports.map(r => JSON.stringify(r)).join('\n'));
  const comp = (await import('fflate')).deflateSync(raw);
  t = performance.now(); inflateSync(comp); const inf = performance.now() - t;
  t = performance.now(); const text = new TextDecoder().decode(raw); const lines = text.split('\n'); const objs = lines.map(l => JSON.parse(l)); const parse = performance.now() - t;
  const strict = ReportSchema.strict();
  t = performance.now(); for (const o of objs) strict.safeParse(o); const zod = performance.now() - t;
  console.log({ n, bytes: bytes.length, dec, sha, inf, parse, zod });
}
