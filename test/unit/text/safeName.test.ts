/**
 * Names from outside made safe (issue 11): attachment names with direction overrides or zero-width characters,
 * unit names that would otherwise be two units that look the same, look-alike units shown as aliases.
 */
import { describe, expect, it } from 'vitest';
import { hasHiddenCharacters, lookAlikeKey, safeFileName, safeName } from '../../../shared/text/safeName';
import { buildPlanRecords, type PlanDraft } from '../../../shared/model';
import { AttachmentInputSchema } from '../../../shared/tracking/reportInput';
import { aliasGroups } from '../../../shared/parser/core/units';
import { saveFileArgs } from '../../../electron/ipcSchemas';

const RLO = '\u202e';

describe('safeName', () => {
  it('removes direction controls, zero-width characters, BOM and control characters; collapses white space', () => {
    expect(safeName(`会议纪要${RLO}xcod.exe`)).toBe('会议纪要xcod.exe');
    expect(safeName('市财\u200b政局')).toBe('市财政局');
    expect(safeName('\ufeff市\u2066教育\u2069局\u200d')).toBe('市教育局');
    expect(safeName('  市 \t 公安局\u0007 ')).toBe('市 公安局');
    expect(safeName('市委（市政府）办公室')).toBe('市委（市政府）办公室');
    expect(hasHiddenCharacters(`a${RLO}b`)).toBe(true);
    expect(hasHiddenCharacters('市财政局')).toBe(false);
  });
});

describe('safeFileName', () => {
  it('shows the real extension of a name disguised with a right-to-left override', () => {
    expect(safeFileName(`会议纪要${RLO}xcod.exe`)).toBe('会议纪要xcod.exe');
  });

  it('makes a name any system can save: no folders, forbidden characters, trailing dots, device names; length capped', () => {
    expect(safeFileName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(safeFileName('a:b*c?"d"<e>|f.docx')).toBe('a_b_c__d__e__f.docx');
    expect(safeFileName('报告.docx. . ')).toBe('报告.docx');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    expect(safeFileName('\u200b')).toBe('附件');
    const long = safeFileName(`${'长'.repeat(300)}.pdf`);
    expect(long.length).toBe(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('is what a report takes for its attachments', () => {
    const parsed = AttachmentInputSchema.parse({ name: `会议纪要${RLO}xcod.exe`, bytes: new Uint8Array([1]) });
    expect(parsed.name).toBe('会议纪要xcod.exe');
  });

  it('is required by the save-file IPC edge: a name with an override is refused there', () => {
    const args = (name: string) => [{ title: '保存附件', suggestedName: name, filters: [], bytes: new Uint8Array([1]) }];
    expect(saveFileArgs.safeParse(args(`会议纪要${RLO}xcod.exe`)).success).toBe(false);
    expect(saveFileArgs.safeParse(args(safeFileName(`会议纪要${RLO}xcod.exe`))).success).toBe(true);
  });
});

describe('unit names', () => {
  const draft = (units: string[][]): PlanDraft => ({
    title: '测试计划',
    docNumber: null,
    issuer: null,
    date: null,
    source: null,
    leadRule: 'columns',
    cadence: { every: 'quarter', day: 20 },
    tasks: units.map((lead, i) => ({ number: String(i + 1), section: [], content: `任务${i + 1}`, lead, support: [], implement: [], deadline: null })),
  });
  const ctx = { stamp: '000001700000000000-00000-devtest', office: '测试办', device: 'dev', now: new Date('2024-01-01') };

  it('a name with invisible characters is the same unit as the clean name (the plan builder normalises)', () => {
    const records = buildPlanRecords(draft([['市财政局'], ['市财\u200b政局'], [`市${RLO}财政局`]]), ctx);
    expect(records.units.map((u) => u.name)).toEqual(['市财政局']);
    expect(new Set(records.tasks.map((t) => t.lead[0])).size).toBe(1);
  });

  it('look-alike names are flagged as aliases, never merged: invisible characters, Cyrillic letters, full-width forms', () => {
    expect(lookAlikeKey('ХYZ办')).toBe(lookAlikeKey('XYZ办'));
    expect(lookAlikeKey('ＡＢＣ公司')).toBe(lookAlikeKey('ABC公司'));
    expect(aliasGroups(['市财政局', '市财\u200b政局', '市教育局'])).toEqual([['市财政局', '市财\u200b政局']]);
    expect(aliasGroups(['XYZ管委会', 'ХYZ管委会'])).toHaveLength(1);
  });

  it('a unit may be called __proto__ or constructor: names never key plain objects', () => {
    const records = buildPlanRecords(draft([['__proto__'], ['constructor'], ['市财政局']]), ctx);
    expect(records.units.map((u) => u.name).sort()).toEqual(['__proto__', 'constructor', '市财政局']);
  });
});
