import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TaizhangDB } from '../../../renderer/db/database';
import { clearImportDraft, loadImportDraft, saveImportDraft } from '../../../renderer/db/importDrafts';
import { readState } from '../../../renderer/db/sync/state';

const dbs: TaizhangDB[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
let n = 0;
const open = () => {
  const db = new TaizhangDB(`drafts-${n++}`);
  dbs.push(db);
  return db;
};

const draft = {
  source: { name: '措施.docx', sha256: 'a'.repeat(64) },
  meta: { title: '测试措施', docNumber: '', issuer: '', date: '2024-03-01', leadRule: 'columns' as const, cadenceEvery: 'quarter' as const, cadenceDay: 20 },
  rows: [
    { key: 'row1', number: '1', section: ['一、加强监管'], content: '改过的内容', lead: [], support: ['市公安局'], implement: [], deadline: null, parsed: { lead: [], support: ['市公安局'] } },
  ],
  warnings: [{ code: 'numbering-gap' as const, message: '序号不连续', tasks: ['1'] }],
  resolved: [0],
  acceptedNoLead: ['row1'],
};

describe('unsaved review work is kept in IndexedDB until saved or discarded', () => {
  it('keeps and restores the draft with its edits, warnings dealt with and accepted rows', async () => {
    const db = open();
    expect(await loadImportDraft(db)).toBeNull();
    await saveImportDraft(db, draft, new Date('2024-05-01T00:00:00Z'));
    // Another connection (a reload) reads it back.
    const again = new TaizhangDB(db.name);
    expect(await loadImportDraft(again)).toEqual({ ...draft, savedAt: '2024-05-01T00:00:00.000Z' });
    again.close();
    await clearImportDraft(db);
    expect(await loadImportDraft(db)).toBeNull();
  });

  it('drops a kept draft that does not fit the schema, and never syncs drafts', async () => {
    const db = open();
    await saveImportDraft(db, draft);
    expect((await readState(db)).records.plans).toEqual([]);
    await db.meta.put({ key: 'importDraft', value: { version: 1, rows: 'broken' } });
    expect(await loadImportDraft(db)).toBeNull();
    expect(await db.meta.get('importDraft')).toBeUndefined();
  });
});
