import { describe, expect, it } from 'vitest';
import { parseExtracted } from '../../../shared/parser/core';
import type { ParseResult } from '../../../shared/parser/types';
import { asSet, linesAsBlocks, loadSeeds } from './seedHelpers';

/**
 * One table, many shapes: the tasks of seed 002 written as a real table, as tab-separated lines (a paste from
 * Excel), as tab-indented cells and as one cell per paragraph with the section column after 序号 — all read
 * by the same table interpreter, all giving the same plan.
 */
const seed = loadSeeds().find((s) => s.id.startsWith('002'))!;
const tasks = seed.expected.tasks!;

function samePlan(r: ParseResult) {
  expect(r.tasks.map((t) => t.number)).toEqual(tasks.map((t) => t.number));
  tasks.forEach((want, i) => {
    const got = r.tasks[i]!;
    expect(got.section, want.number).toEqual(want.section);
    expect(got.content, want.number).toBe(want.content);
    expect(asSet(got.lead), want.number).toEqual(asSet(want.lead));
    expect(asSet(got.support), want.number).toEqual(asSet(want.support));
  });
}

const joint = (t: (typeof tasks)[number]) => t.support.length === 0 && t.lead.length > 1;
const leadCell = (t: (typeof tasks)[number]) => (joint(t) ? `${t.lead.join('、')}按职责分工负责` : t.lead.join('、'));

describe('the same task table in different shapes', () => {
  it('a real table with merged section cells', () => {
    let last = '';
    const rows = [['工作任务', '序号', '具体内容', '牵头部门', '配合部门']];
    const merged = [[false, false, false, false, false]];
    for (const t of tasks) {
      rows.push([t.section[0]!, t.number, t.content!, leadCell(t), joint(t) ? leadCell(t) : t.support.join('、')]);
      merged.push([t.section[0] === last, false, false, false, joint(t)]);
      last = t.section[0]!;
    }
    samePlan(parseExtracted({ format: 'xlsx', blocks: [{ kind: 'table', rows, merged }] }));
  });

  it('tab-separated lines pasted from a spreadsheet (merged cells empty)', () => {
    let last = '';
    const lines = ['任务分解表', '工作任务\t序号\t具体内容\t牵头部门\t配合部门'];
    for (const t of tasks) {
      lines.push([t.section[0] === last ? '' : t.section[0]!, t.number, t.content!, leadCell(t), joint(t) ? '' : t.support.join('、')].join('\t'));
      last = t.section[0]!;
    }
    samePlan(parseExtracted(linesAsBlocks(lines.join('\n'))));
  });

  it('one cell per paragraph with the section column after 序号', () => {
    let last = '';
    const lines = ['序号', '', '工作任务', '', '具体内容', '', '牵头部门', '', '配合部门', ''];
    for (const t of tasks) {
      lines.push(t.number, '');
      if (t.section[0] !== last) lines.push(t.section[0]!, '');
      last = t.section[0]!;
      lines.push(t.content!, '', leadCell(t), '');
      if (!joint(t)) lines.push(t.support.join('、'), '');
      if (!joint(t) && t.support.length === 0) lines.push('');
    }
    samePlan(parseExtracted(linesAsBlocks(lines.join('\n'))));
  });

  it('one cell per paragraph with unnumbered section labels and a 完成时限 column', () => {
    let last = '';
    const lines = ['项目', '', '序号', '', '具体内容', '', '牵头单位', '', '配合单位', '', '完成时限', ''];
    for (const t of tasks) {
      const label = t.section[0]!.replace(/^[一二三四五六七八九十]+、/, '');
      if (t.section[0] !== last) lines.push(label, '');
      last = t.section[0]!;
      lines.push(t.number, '', t.content!, '', leadCell(t), '');
      // An empty support cell is one extra blank line.
      if (!joint(t)) lines.push(...(t.support.length ? [t.support.join('、'), ''] : ['']));
      lines.push('2023年底前', '');
    }
    const r = parseExtracted(linesAsBlocks(lines.join('\n')));
    expect(r.tasks).toHaveLength(tasks.length);
    tasks.forEach((want, i) => {
      const got = r.tasks[i]!;
      expect(got.section, want.number).toEqual([want.section[0]!.replace(/^[一二三四五六七八九十]+、/, '')]);
      expect(asSet(got.lead), want.number).toEqual(asSet(want.lead));
      expect(asSet(got.support), want.number).toEqual(asSet(want.support));
      expect(got.deadline, want.number).toEqual({ text: '2023年底前', date: '2023-12-31', kind: 'year' });
    });
  });
});

describe('a flattened table copied from a paginated document', () => {
  it('skips repeated header cells and page numbers between rows', () => {
    const rows = seed.text.split('\n');
    const at = rows.findIndex((l) => l.trim() === '15');
    const pageBreak = ['', '7', '', '工作任务', '', '序号', '', '具体内容', '', '牵头部门', '', '配合部门', ''];
    // The break falls before row 15's section cell ("六、…"), which sits two lines above its number.
    const text = [...rows.slice(0, at - 2), ...pageBreak, ...rows.slice(at - 2)].join('\n');
    samePlan(parseExtracted(linesAsBlocks(text)));
  });
});

describe('the seed tables however the text was copied', () => {
  const all = loadSeeds();
  const variants: [string, (text: string) => string][] = [
    ['CRLF line ends and ideographic-space indents', (t) => t.split('\n').map((l) => (l.trim() ? `\u3000\u3000${l}` : l)).join('\r\n')],
    ['blank lines dropped', (t) => t.split('\n').filter((l) => l !== '').join('\n')],
    ['no-break spaces', (t) => t.replace(/ /g, '\u00a0')],
    ['tabs turned into spaces', (t) => t.replace(/\t/g, '    ')],
    ['tabs dropped', (t) => t.replace(/\t/g, '')],
  ];
  for (const id of ['002', '004']) {
    const s = all.find((x) => x.id.startsWith(id))!;
    for (const [name, change] of variants) {
      it(`${id}: ${name}`, () => {
        const r = parseExtracted(linesAsBlocks(change(s.text)));
        const want = s.expected.tasks!;
        expect(r.tasks.map((t) => t.number)).toEqual(want.map((t) => t.number));
        want.forEach((w, i) => {
          const got = r.tasks[i]!;
          expect(got.section, w.number).toEqual(w.section);
          expect(got.content, w.number).toBe(w.content);
          expect(asSet(got.lead), w.number).toEqual(asSet(w.lead));
          expect(asSet(got.support), w.number).toEqual(asSet(w.support));
        });
        expect(r.warnings.map((w) => w.code).sort()).toEqual(s.expected.warnings.map((w) => w.code).sort());
      });
    }
  }
});

describe('seed 003 however the text was copied', () => {
  const s = loadSeeds().find((x) => x.id.startsWith('003'))!;
  const one = (text: string) => {
    const r = parseExtracted(linesAsBlocks(text));
    expect(r.tasks.map((t) => t.number)).toEqual(s.expected.tasks!.map((t) => t.number));
    s.expected.tasks!.forEach((w, i) => {
      const got = r.tasks[i]!;
      expect(asSet(got.lead), w.number).toEqual(asSet(w.lead));
      expect(asSet(got.implement), w.number).toEqual(asSet(w.implement));
      expect(got.section.length, w.number).toBe(2);
    });
    expect(r.warnings.map((w) => w.code)).toEqual(['numbering-gap', 'department-alias']);
  };
  it('one item per line', () => one(s.text.replace(/ (?=[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)/g, '\n')));
  it('full-width brackets', () => one(s.text.replace(/\(/g, '（').replace(/\)/g, '）')));
});
