import { describe, expect, it } from 'vitest';
import { parseExtracted } from '../../../shared/parser/core';
import { bodyText, flattenedTableText, generatePlan, tabbedTableText, tableRows } from './generate';
import { asSet, linesAsBlocks } from './seedHelpers';

const plan = generatePlan(500);

function expectPlan(result: ReturnType<typeof parseExtracted>, listed = false) {
  expect(result.tasks.map((t) => t.number)).toEqual(plan.map((t) => t.number));
  plan.forEach((want, i) => {
    const got = result.tasks[i]!;
    const where = `task ${want.number}`;
    expect(got.section, where).toEqual(want.section);
    expect(got.content, where).toBe(want.content);
    if (listed) {
      // One 责任单位 column: first listed leads, the rest support.
      const all = [...want.lead, ...want.support];
      expect(got.lead, where).toEqual([all[0]]);
      expect(asSet(got.support), where).toEqual(asSet(all.slice(1)));
    } else {
      expect(asSet(got.lead), where).toEqual(asSet(want.lead));
      expect(asSet(got.support), where).toEqual(asSet(want.support));
    }
  });
  expect(result.warnings).toEqual([]);
}

describe('a generated 500-task document', () => {
  it('flattened to paragraphs (one cell per paragraph, wrapped names, empty cells)', () => {
    expectPlan(parseExtracted(linesAsBlocks(flattenedTableText(plan))));
  });
  it('flattened to paragraphs by a reader that drops blank lines', () => {
    const text = flattenedTableText(plan).split('\n').filter((l) => l.trim()).join('\n');
    const result = parseExtracted(linesAsBlocks(text));
    expect(result.tasks).toHaveLength(500);
    expect(result.tasks[1]!.section).toEqual(plan[1]!.section);
  });
  it('as a real table with merged cells', () => {
    const { rows, merged } = tableRows(plan);
    expectPlan(parseExtracted({ format: 'docx', blocks: [{ kind: 'table', rows, merged }] }));
  });
  it('as tab-indented cells with one 责任单位 column', () => {
    const result = parseExtracted(linesAsBlocks(tabbedTableText(plan)));
    expect(result.leadRule).toBe('first-listed-is-lead');
    expectPlan(result, true);
  });
});

describe('a generated document with 500 measures in the body and the same tasks in a table', () => {
  it('takes the table as the plan and finds the body in agreement', () => {
    const text = `${bodyText(plan)}\n\n${flattenedTableText(plan)}`;
    expectPlan(parseExtracted(linesAsBlocks(text)));
  });
  it('reads the body alone through its inline notes', () => {
    const r = parseExtracted(linesAsBlocks(bodyText(plan)));
    expect(r.tasks.map((t) => t.number)).toEqual(plan.map((t) => t.number));
    plan.forEach((want, i) => {
      expect(asSet(r.tasks[i]!.lead), want.number).toEqual(asSet(want.lead));
      expect(asSet(r.tasks[i]!.support), want.number).toEqual(asSet(want.support));
      expect(r.tasks[i]!.section, want.number).toEqual(want.section);
    });
  });
});
