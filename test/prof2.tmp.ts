import { readFileSync } from 'node:fs';
import { readDocument } from '../shared/parser/readers';
import { parseExtracted } from '../shared/parser/core';
const bytes = new Uint8Array(readFileSync(process.argv[2]!));
const doc = await readDocument({ name: process.argv[2]!, bytes });
const c0 = process.cpuUsage();
const r = parseExtracted(doc);
const c = process.cpuUsage(c0);
console.log('core cpu', ((c.user + c.system) / 1000).toFixed(0), r.tasks.length, r.warnings.map(w => w.code));
