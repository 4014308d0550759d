/**
 * Reading accuracy on the labelled corpora never falls below the committed floor (test/corpus/floor.json):
 * per part (../shared/corpus, test/fixtures/corpus/dev, test/fixtures/corpus/holdout), tasks found and
 * pooled role F1 as ../shared/corpus/score.py computes them (test/corpus/score.ts). Parsing is
 * deterministic, so the figures are asserted exactly against the floor. When the labelled corpus changes
 * (documents added), the floor must be refreshed with `npm run corpus:floor` after checking the figures.
 *
 * Also checks the harness itself: every truth file is well formed, every contentStart is found in its
 * document, and the in-process scorer counts like score.py on a hand-made case.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PARTS, partPresent, readFloor, scorePart } from '../../corpus/parts';
import { corpusEntries, fixed3, norm, scoreTasks, type Truth } from '../../corpus/score';

const floor = readFloor();

describe('corpus reading score stays at or above its floor', () => {
  for (const part of PARTS) {
    const present = partPresent(part);
    if (!present) console.log(`corpus ${part.name}: skipped, ${part.dir} not found`);
    it.skipIf(!present)(`${part.name}: tasks found and role F1 at or above the floor`, async () => {
      const fl = floor[part.name];
      expect(fl, `no floor recorded for ${part.name}: run npm run corpus:floor`).toBeDefined();
      const { total } = await scorePart(part);
      expect(
        total.labelled,
        `the ${part.name} corpus now has ${total.labelled} labelled tasks, the floor was taken on ${fl!.labelled}: check the figures and run npm run corpus:floor`,
      ).toBe(fl!.labelled);
      expect(total.found, `${part.name}: tasks found ${total.found}/${total.labelled}, floor ${fl!.found}`).toBeGreaterThanOrEqual(fl!.found);
      expect(total.f1, `${part.name}: role F1 ${fixed3(total.f1)}, floor ${fl!.roleF1}`).toBeGreaterThanOrEqual(fl!.roleF1 - 1e-9);
    }, 180_000);
  }
});

describe('corpus truth files are well formed', () => {
  for (const part of PARTS.filter((p) => p.name !== 'shared' && partPresent(p))) {
    it(`${part.name}: every task has roles as lists and a contentStart found in each of its documents`, () => {
      for (const entry of corpusEntries(part.dir)) {
        const truth = JSON.parse(readFileSync(entry.truthFile, 'utf8')) as Truth;
        expect(typeof truth.complete, entry.stem).toBe('boolean');
        expect(Array.isArray(truth.tasks), entry.stem).toBe(true);
        // The contentStart must be in the saved page (for .html, in its visible text: compared without tags).
        const original = entry.docs.find((d) => /\.(txt|html?)$/.test(d) && !/\.gbk\.txt$/.test(d));
        const text = original ? readFileSync(original, 'utf8').replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ') : null;
        for (const t of truth.tasks) {
          const where = `${entry.stem} #${t.number}`;
          for (const role of ['lead', 'support', 'implement'] as const) expect(Array.isArray(t[role]), `${where} ${role}`).toBe(true);
          expect(t.lead!.length + t.support!.length + t.implement!.length, `${where} has no unit`).toBeGreaterThan(0);
          expect(typeof t.contentStart, where).toBe('string');
          if (text) expect(text.includes(t.contentStart!), `${where}: contentStart "${t.contentStart}" not in the document`).toBe(true);
        }
      }
    });
  }
});

describe('the in-process scorer counts as score.py does', () => {
  it('normalises names like score.py (NFKC, whitespace and punctuation removed)', () => {
    expect(norm('（市发改委）　、')).toBe('市发改委');
    expect(norm('县发改局(粮食局)')).toBe('县发改局粮食局');
    expect(norm(null)).toBe('');
  });

  it('formats like Python, exact ties rounding half to even', () => {
    expect(fixed3(0.0625)).toBe('0.062');
    expect(fixed3(0.1875)).toBe('0.188');
    expect(fixed3(0.3725)).toBe('0.372');
    expect(fixed3(2 / 3)).toBe('0.667');
    expect(fixed3(1)).toBe('1.000');
  });

  it('matches by number, falls back to the content start when a number repeats, pools support and implement', () => {
    const truth: Truth = {
      complete: true,
      tasks: [
        { number: '1', contentStart: '甲任务内容', lead: ['市甲局'], support: ['市乙局'], implement: [] },
        { number: '1', contentStart: '乙任务内容', lead: ['市丙局'], support: [], implement: ['各县区'] },
        { number: '2', contentStart: '丙任务', lead: ['市丁局'], support: [], implement: [] },
      ],
    };
    const s = scoreTasks('x', truth, [
      { number: '1', content: '甲任务内容很长', lead: ['市甲局'], support: [], implement: ['市乙局'] },
      { number: '1', content: '乙任务内容很长', lead: ['市丙局'], support: ['各县区', '市戊局'], implement: [] },
      { number: '3', content: '另一项', lead: ['市己局'], support: [], implement: [] },
    ]);
    expect(s.found).toBe(2);
    expect([s.tp, s.fp, s.fn]).toEqual([4, 1, 1]);
    expect(s.f1).toBeCloseTo(8 / 10);
    expect(s.extra).toBe(1);
  });
});
