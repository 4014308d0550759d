/**
 * The same document reads the same however it was copied: a bounded subset of the metamorphic reading test
 * (test/corpus/variants.ts; the whole run is `npm run bench variants`). A few labelled documents of our dev
 * corpus (in the repository, so CI runs this) are rewritten by each meaning-preserving transformation and
 * scored against the same truth; every variant must find as many tasks and score the same role F1 as the
 * untransformed text.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixed3 } from '../../corpus/score';
import { projectRoot } from '../../corpus/parts';
import { VARIANTS, fullWidth, runVariants, seeded, spaces, variantDocs, wrap, wrapLine, type VariantRun } from '../../corpus/variants';

const DEV = join(projectRoot, 'test/fixtures/corpus/dev');
/** Documents of different shapes: a table copied as text, same-line notes, label lines, a flattened table. */
const SUBSET = [
  'd01_lishan-2023-zhongdian-fengong',
  'd03_guandu-2016-wenzengzhang-cuoshi',
  'd07_hbzwls-2011-huiyi-choubei-fengong',
  'd12_minhang-2012-pingan-shichang-chuangjian',
  'd14_ezhou-2020-shida-gongcheng-shishi',
];
/** Transformations the parser does not yet read the same on this subset (none now; see the bench for the corpus figures). */
const NOT_YET = new Set<string>([]);

describe('metamorphic reading: a document copied another way reads the same', () => {
  let run: VariantRun;
  const get = async () => (run ??= await runVariants(await variantDocs(DEV, SUBSET)));

  it('the subset is found and reads right as text', async () => {
    const r = await get();
    expect(r.text.map((d) => d.stem)).toEqual(SUBSET);
    for (const d of r.text) expect(`${d.stem} ${d.found}/${d.labelled} ${fixed3(d.f1)}`).toBe(`${d.stem} ${d.labelled}/${d.labelled} 1.000`);
  }, 60_000);

  for (const v of VARIANTS) {
    it.skipIf(NOT_YET.has(v.name))(`${v.name}: every document as found and as scored as its untransformed text`, async () => {
      const r = await get();
      const scores = r.variants.get(v.name)!;
      scores.forEach((d, i) => {
        const base = r.text[i]!;
        expect(`${d.stem} ${d.found}/${d.labelled} ${fixed3(d.f1)}`).toBe(`${d.stem} ${base.found}/${base.labelled} ${fixed3(base.f1)}`);
      });
    }, 60_000);
  }
});

describe('the transformations keep the text', () => {
  it('wrap breaks a paragraph into lines of the width, keeps table rows and short lines whole', () => {
    const para = '1.加快建设现代化产业体系，推动制造业高端化、智能化、绿色化发展，培育壮大战略性新兴产业。';
    const out = wrapLine(para, 30);
    expect(out.join('')).toBe(para);
    expect(out.length).toBeGreaterThan(1);
    expect(out[0]!.startsWith('1.')).toBe(true);
    expect(wrapLine('1\t加快建设现代化产业体系，推动制造业高端化、智能化、绿色化发展\t市发改局', 30)).toHaveLength(1);
    expect(wrapLine('短行', 30)).toEqual(['短行']);
    const text = `标题\n${para}\n（牵头单位：市发改局）`;
    expect(wrap.apply(text, { rand: seeded('x'), header: null }).replace(/\n/g, '')).toBe(text.replace(/\n/g, ''));
  });

  it('full-width: brackets, colons and commas beside Chinese text, digits of item numbers', () => {
    expect(fullWidth.apply('1.推进改革(牵头单位:市发改局,市财政局)\n时间 10:30,共1,000人', { rand: seeded('x'), header: null })).toBe(
      '１．推进改革（牵头单位：市发改局，市财政局）\n时间 10:30，共1,000人',
    );
  });

  it('spaces: spaced labels before a colon, spaces around it, nothing inside a sentence', () => {
    const out = spaces.apply('牵头单位:市发改局\n各牵头单位要加强协调', { rand: () => 0, header: null });
    expect(out).toBe('牵 头 单 位 : 市发改局 \n各牵头单位要加强协调 ');
  });
});
