import { describe, expect, it } from 'vitest';
import { parseExtracted } from '../../../shared/parser/core';
import { asSet, linesAsBlocks, loadSeeds } from './seedHelpers';

const seeds = loadSeeds();

describe('seed documents parse to the expected plan', () => {
  it('has all five seeds and their expectations', () => {
    expect(seeds.map((s) => s.id.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
  });

  for (const seed of seeds) {
    describe(seed.id, () => {
      const result = parseExtracted(linesAsBlocks(seed.text));
      const exp = seed.expected;

      it('reads title, 文号 and date', () => {
        expect(result.title).toBe(exp.title);
        expect(result.docNumber).toBe(exp.docNumber);
        expect(result.date).toBe(exp.date);
      });

      it('raises exactly the expected warnings', () => {
        expect(result.warnings.map((w) => w.code).sort()).toEqual(exp.warnings.map((w) => w.code).sort());
        for (const w of exp.warnings) {
          const same = result.warnings.filter((g) => g.code === w.code);
          const match = same.find(
            (g) =>
              (w.tasks === undefined || JSON.stringify(g.tasks) === JSON.stringify(w.tasks)) &&
              (w.near === undefined || g.near === w.near) &&
              (w.names === undefined || JSON.stringify(g.names) === JSON.stringify(w.names)),
          );
          expect(match, `warning ${JSON.stringify(w)} among ${JSON.stringify(same)}`).toBeDefined();
        }
        for (const w of result.warnings) expect(w.message).toMatch(/[\u4e00-\u9fa5]/);
      });

      if (exp.tasks) {
        const tasks = exp.tasks;
        it(`gives exactly the ${tasks.length} expected tasks`, () => {
          expect(result.tasks.map((t) => t.number)).toEqual(tasks.map((t) => t.number));
          tasks.forEach((e, i) => {
            const g = result.tasks[i]!;
            const where = `task ${e.number}`;
            expect(g.section, where).toEqual(e.section);
            if (e.content !== undefined) expect(g.content, where).toBe(e.content);
            if (e.contentStart !== undefined) expect(g.content.startsWith(e.contentStart), `${where}: ${g.content.slice(0, 30)}`).toBe(true);
            expect(asSet(g.lead), where).toEqual(asSet(e.lead));
            expect(asSet(g.support), where).toEqual(asSet(e.support));
            expect(asSet(g.implement), where).toEqual(asSet(e.implement));
          });
        });
      } else {
        it(`offers at least ${exp.minCandidates} candidate tasks`, () => {
          expect(result.tasks.length).toBeGreaterThanOrEqual(exp.minCandidates ?? 1);
          for (const t of result.tasks) expect(t.content.length).toBeGreaterThan(0);
        });
      }

      if (exp.reportingCadence) {
        it('finds the reporting cadence', () => {
          expect(result.reporting).toContainEqual(exp.reportingCadence);
        });
      }

      if (exp.warnings.some((w) => w.code === 'no-assignments')) {
        it('assigns no units when the document names none', () => {
          for (const t of result.tasks) expect([...t.lead, ...t.support, ...t.implement]).toEqual([]);
        });
      }

      for (const p of exp.prose ?? []) {
        it(`reads prose responsibility: ${p.sectionEndsWith ?? p.contentStartsWith}`, () => {
          const task = result.tasks.find((t) =>
            p.sectionEndsWith !== undefined
              ? (t.section[t.section.length - 1] ?? '').endsWith(p.sectionEndsWith)
              : t.content.startsWith(p.contentStartsWith ?? '\u0000'),
          );
          expect(task).toBeDefined();
          expect(asSet(task!.lead)).toEqual(asSet(p.lead));
          if (p.support !== undefined) expect(asSet(task!.support)).toEqual(asSet(p.support));
        });
      }
    });
  }
});
