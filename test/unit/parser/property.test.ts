import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExtracted } from '../../../shared/parser/core';
import { splitUnits } from '../../../shared/parser/core/units';
import { toChinese } from '../../../shared/parser/core/numbering';
import { asSet, linesAsBlocks } from './seedHelpers';

/** Property tests: any plan, written in any of the table shapes, reads back as the same plan. */
const UNITS = [
  '市市场监管局', '市卫生健康局', '市财政局', '市人力资源社会保障局', '市工业和信息化局', '市发展改革局', '市科技局',
  '市医保局', '市政务服务数据管理局', '市委编办', '各镇街', '火炬开发区', '市应急管理局', '中山海关', '各乡镇（街道）',
  '市局相关科室', '区级有关部门单位', '市委宣传部', '市公安局', '市中级法院',
];
const SEPARATORS = ['、', '，', ',', '；', ';'];

const unitList = (min: number, max: number) => fc.uniqueArray(fc.constantFrom(...UNITS), { minLength: min, maxLength: max });

describe('unit lists', () => {
  it('split back into the names they were joined from, whatever the separators and role words', () => {
    fc.assert(
      fc.property(
        unitList(1, 6),
        fc.array(fc.constantFrom(...SEPARATORS), { minLength: 6, maxLength: 6 }),
        fc.constantFrom('', '按职责分工负责', '负责', '等'),
        (names, seps, tail) => {
          const text = names.map((n, i) => (i ? seps[i - 1] : '') + n).join('') + tail;
          expect(splitUnits(text)).toEqual(names);
        },
      ),
      { numRuns: 300, seed: 20261122 },
    );
  });
});

interface Row {
  section: string;
  number: string;
  content: string;
  lead: string[];
  support: string[];
  joint: boolean;
}

const planArb = fc
  .array(
    fc.record({
      newSection: fc.boolean(),
      lead: unitList(1, 1),
      support: unitList(0, 4),
      joint: fc.boolean(),
      sentences: fc.integer({ min: 1, max: 3 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((items) => {
    let s = 0;
    return items.map((it, i): Row => {
      if (i === 0 || it.newSection) s++;
      const support = it.support.filter((u) => u !== it.lead[0]);
      const joint = it.joint && support.length > 0;
      return {
        section: `${toChinese(s)}、第${s}组工作`,
        number: String(i + 1),
        content: Array.from({ length: it.sentences }, (_, k) => `推进第${i + 1}项第${k + 1}方面工作，完善相关机制。`).join(''),
        lead: joint ? [it.lead[0]!, ...support] : [it.lead[0]!],
        support: joint ? [] : support,
        joint,
      };
    });
  });

const leadCell = (r: Row) => (r.joint ? `${r.lead.join('、')}按职责分工负责` : r.lead[0]!);

function expectSame(rows: readonly Row[], text: string) {
  const result = parseExtracted(linesAsBlocks(text));
  expect(result.tasks.map((t) => t.number)).toEqual(rows.map((r) => r.number));
  rows.forEach((want, i) => {
    const got = result.tasks[i]!;
    expect(got.section).toEqual([want.section]);
    expect(got.content).toBe(want.content);
    expect(asSet(got.lead)).toEqual(asSet(want.lead));
    expect(asSet(got.support)).toEqual(asSet(want.support));
  });
  expect(result.warnings).toEqual([]);
}

describe('any task table', () => {
  it('flattened one cell per paragraph (names wrapped anywhere, empty cells as extra blank lines)', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 3, max: 12 }), (rows, wrapAt) => {
        const lines = ['任务分解表', '', '工作任务', '', '序号', '', '具体内容', '', '牵头部门', '', '配合部门', ''];
        let last = '';
        for (const r of rows) {
          if (r.section !== last) lines.push(r.section, '');
          last = r.section;
          lines.push(r.number, '', r.content, '', leadCell(r), '');
          if (r.joint) continue;
          const cell = r.support.join('、');
          if (!cell) lines.push('');
          else if (cell.length > wrapAt) lines.push(cell.slice(0, wrapAt), '', cell.slice(wrapAt), '');
          else lines.push(cell, '');
        }
        expectSame(rows, lines.join('\n'));
      }),
      { numRuns: 100, seed: 20261122 },
    );
  });

  it('tab-separated, one row per line', () => {
    fc.assert(
      fc.property(planArb, (rows) => {
        const lines = ['序号\t工作任务\t具体内容\t牵头部门\t配合部门'];
        let last = '';
        for (const r of rows) {
          lines.push([r.number, r.section === last ? '' : r.section, r.content, leadCell(r), r.joint ? '' : r.support.join('、')].join('\t'));
          last = r.section;
        }
        expectSame(rows, lines.join('\n'));
      }),
      { numRuns: 100, seed: 20261122 },
    );
  });

  it('a real table with merged cells', () => {
    fc.assert(
      fc.property(planArb, (rows) => {
        const cells = [['工作任务', '序号', '具体内容', '牵头部门', '配合部门']];
        const merged = [[false, false, false, false, false]];
        let last = '';
        for (const r of rows) {
          cells.push([r.section, r.number, r.content, leadCell(r), r.joint ? leadCell(r) : r.support.join('、')]);
          merged.push([r.section === last, false, false, false, r.joint]);
          last = r.section;
        }
        const result = parseExtracted({ format: 'docx', blocks: [{ kind: 'table', rows: cells, merged }] });
        rows.forEach((want, i) => {
          expect(result.tasks[i]!.section).toEqual([want.section]);
          expect(asSet(result.tasks[i]!.lead)).toEqual(asSet(want.lead));
          expect(asSet(result.tasks[i]!.support)).toEqual(asSet(want.support));
        });
        expect(result.tasks).toHaveLength(rows.length);
      }),
      { numRuns: 100, seed: 20261122 },
    );
  });

  it('flattened with plain section labels, a 完成时限 column, and with or without blank lines', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 3, max: 12 }), fc.boolean(), fc.boolean(), (rows, wrapAt, plain, blanks) => {
        const label = (r: Row) => (plain ? r.section.replace(/^[一二三四五六七八九十]+、/, '') : r.section);
        const lines = ['项目', '', '序号', '', '具体内容', '', '牵头单位', '', '配合单位', '', '完成时限', ''];
        let last = '';
        for (const r of rows) {
          if (r.section !== last) lines.push(label(r), '');
          last = r.section;
          lines.push(r.number, '', r.content, '', leadCell(r), '');
          if (!r.joint) {
            const cell = r.support.join('、');
            if (!cell) lines.push('');
            else if (cell.length > wrapAt) lines.push(cell.slice(0, wrapAt), '', cell.slice(wrapAt), '');
            else lines.push(cell, '');
          }
          lines.push(`2024年${(Number(r.number) % 12) + 1}月底前`, '');
        }
        // Without blank lines an empty cell cannot be seen: only plans whose cells are all filled.
        if (!blanks && rows.some((r) => !r.joint && r.support.length === 0)) return;
        const text = blanks ? lines.join('\n') : lines.filter((l) => l !== '').join('\n');
        const result = parseExtracted(linesAsBlocks(text));
        expect(result.tasks.map((t) => t.number)).toEqual(rows.map((r) => r.number));
        rows.forEach((want, i) => {
          const got = result.tasks[i]!;
          expect(got.section).toEqual([label(want)]);
          expect(got.content).toBe(want.content);
          expect(asSet(got.lead)).toEqual(asSet(want.lead));
          expect(asSet(got.support)).toEqual(asSet(want.support));
          expect(got.deadline?.kind).toBe('date');
        });
      }),
      { numRuns: 100, seed: 20261122 },
    );
  });
});

describe('any numbered measures with responsibility notes', () => {
  type Form = 'lead+joint' | 'joint+implement' | 'labels' | 'lead+support' | 'joint' | 'charged';
  const measureArb = fc.record({
    lead: unitList(1, 3),
    others: unitList(0, 3),
    form: fc.constantFrom<Form>('lead+joint', 'joint+implement', 'labels', 'lead+support', 'joint', 'charged'),
    sep: fc.constantFrom('、', '，'),
    open: fc.constantFrom('(', '（', '〔'),
  });
  const note = (m: { lead: string[]; others: string[]; form: Form; sep: string }) => {
    const others = m.others.filter((u) => !m.lead.includes(u));
    const lead = m.form === 'lead+joint' || m.form === 'lead+support' || m.form === 'labels' ? m.lead.slice(0, 1) : m.lead;
    const list = (xs: string[]) => xs.join(m.sep === '，' ? '、' : m.sep);
    switch (m.form) {
      case 'lead+joint':
        return { text: others.length ? `${lead[0]}牵头，${list(others)}按职责分工负责` : `${lead[0]}牵头`, lead, support: others, implement: [] };
      case 'joint+implement':
        return { text: others.length ? `${list(lead)}按职责分工负责，${list(others)}具体落实` : `${list(lead)}按职责分工负责`, lead, support: [], implement: others };
      case 'labels':
        return { text: others.length ? `牵头单位：${lead[0]}；配合单位：${list(others)}` : `牵头单位：${lead[0]}`, lead, support: others, implement: [] };
      case 'lead+support':
        return { text: others.length ? `${lead[0]}牵头，${list(others)}配合` : `${lead[0]}牵头`, lead, support: others, implement: [] };
      case 'joint':
        return { text: `${list([...lead, ...others])}按职责分工负责`, lead: [...lead, ...others], support: [], implement: [] };
      case 'charged':
        // A single list: the first listed leads (the convention when no rule is stated).
        return { text: `${list(lead)}负责`, lead: lead.slice(0, 1), support: lead.slice(1), implement: [], charged: lead };
    }
  };
  const close = (open: string) => ({ '(': ')', '（': '）', '〔': '〕' })[open]!;

  it('read back as tasks with the same units, whatever the numbering style', () => {
    fc.assert(
      fc.property(fc.array(measureArb, { minLength: 1, maxLength: 25 }), fc.constantFrom('1.', '1、', '（1）', '①'), (measures, style) => {
        const label = (i: number) =>
          style === '1.' ? `${i}.` : style === '1、' ? `${i}、` : style === '（1）' ? `（${i}）` : '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'[(i - 1) % 20]!;
        if (style === '①' && measures.length > 20) return;
        const lines = ['某市2024年工作要点', '一、重点工作'];
        const wants = measures.map((m, k) => {
          const n = note(m);
          lines.push(`${label(k + 1)}开展第${k + 1}项工作，提升能力水平。${m.open}${n.text}${close(m.open)}`);
          return n;
        });
        // A document whose notes say "按职责分工负责" more often than a plain "负责" reads its plain lists that way too.
        const joint = wants.filter((w) => /按职责分工负责/.test(w.text)).length;
        const charged = wants.filter((w) => 'charged' in w).length;
        if (joint >= 2 && joint > charged) for (const w of wants) if ('charged' in w && w.charged) Object.assign(w, { lead: w.charged, support: [] });
        const r = parseExtracted(linesAsBlocks(lines.join('\n')));
        expect(r.tasks).toHaveLength(measures.length);
        wants.forEach((w, k) => {
          const got = r.tasks[k]!;
          expect(got.content).toBe(`开展第${k + 1}项工作，提升能力水平。`);
          expect(got.section).toEqual(['一、重点工作']);
          expect(asSet(got.lead)).toEqual(asSet(w.lead));
          expect(asSet(got.support)).toEqual(asSet(w.support));
          expect(asSet(got.implement)).toEqual(asSet(w.implement));
        });
      }),
      { numRuns: 100, seed: 20261122 },
    );
  });
});
