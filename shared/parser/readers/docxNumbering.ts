/**
 * Automatic paragraph numbering in .docx (word/numbering.xml): the number Word shows before a numbered
 * paragraph ("一、", "（二）", "3.", "①") is not in the text runs, so it is rendered here from the list
 * definitions, counting per list and level (deeper levels restart when a shallower one advances).
 * Numbering may come from the paragraph (w:numPr) or from its paragraph style (styles.xml, via basedOn).
 */
import { child, elements, parseXml, type XmlElement } from './xml';
import type { ZipArchive } from './zip';

interface Level {
  start: number;
  format: string;
  text: string;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function chinese(n: number): string {
  if (n <= 0 || n >= 10000) return String(n);
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) zero = out !== '';
    else {
      if (zero) out += '零';
      zero = false;
      out += CN_DIGITS[d]! + unit;
    }
  });
  return out.replace(/^一十/, '十');
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let s = '';
  for (const [v, r] of table) while (n >= v) {
    s += r;
    n -= v;
  }
  return s;
}

function letters(n: number): string {
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'chineseLegalSimplified':
    case 'taiwaneseCounting':
      return chinese(n);
    case 'ideographTraditional':
      return '甲乙丙丁戊己庚辛壬癸'[(n - 1) % 10] ?? String(n);
    case 'ideographZodiac':
      return '子丑寅卯辰巳午未申酉戌亥'[(n - 1) % 12] ?? String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return `(${n})`;
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'upperLetter':
      return letters(n);
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'bullet':
    case 'none':
      return '';
    default:
      return String(n);
  }
}

export interface Numbering {
  /** The label for a paragraph (empty when it is not numbered or is a bullet). */
  label(pPr: XmlElement | undefined): string;
}

const intVal = (el: XmlElement | undefined): number | undefined => {
  const v = el?.attrs['w:val'];
  const n = v === undefined ? NaN : parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
};

export function loadNumbering(zip: ZipArchive): Numbering {
  const none: Numbering = { label: () => '' };
  if (!zip.entries.has('word/numbering.xml')) return none;
  const root = parseXml(zip.readText('word/numbering.xml'));
  const abstract = new Map<number, Map<number, Level>>();
  for (const a of elements(root, 'w:abstractNum')) {
    const levels = new Map<number, Level>();
    for (const lvl of elements(a, 'w:lvl')) {
      levels.set(Number(lvl.attrs['w:ilvl'] ?? 0), {
        start: intVal(child(lvl, 'w:start')) ?? 1,
        format: child(lvl, 'w:numFmt')?.attrs['w:val'] ?? 'decimal',
        text: child(lvl, 'w:lvlText')?.attrs['w:val'] ?? '',
      });
    }
    abstract.set(Number(a.attrs['w:abstractNumId']), levels);
  }
  const nums = new Map<number, { abstractId: number; starts: Map<number, number> }>();
  for (const n of elements(root, 'w:num')) {
    const starts = new Map<number, number>();
    for (const o of elements(n, 'w:lvlOverride')) {
      const s = intVal(child(o, 'w:startOverride'));
      if (s !== undefined) starts.set(Number(o.attrs['w:ilvl'] ?? 0), s);
    }
    nums.set(Number(n.attrs['w:numId']), { abstractId: intVal(child(n, 'w:abstractNumId')) ?? -1, starts });
  }
  // Paragraph styles that carry numbering (followed through basedOn).
  const styleNum = new Map<string, { numId?: number; ilvl?: number; basedOn?: string }>();
  if (zip.entries.has('word/styles.xml')) {
    for (const st of elements(parseXml(zip.readText('word/styles.xml')), 'w:style')) {
      const id = st.attrs['w:styleId'];
      if (!id) continue;
      const numPr = child(child(st, 'w:pPr') ?? st, 'w:numPr');
      styleNum.set(id, { numId: intVal(numPr && child(numPr, 'w:numId')), ilvl: intVal(numPr && child(numPr, 'w:ilvl')), basedOn: child(st, 'w:basedOn')?.attrs['w:val'] });
    }
  }
  const fromStyle = (id: string | undefined): { numId?: number; ilvl?: number } => {
    for (let depth = 0; id && depth < 10; depth++) {
      const s = styleNum.get(id);
      if (!s) break;
      if (s.numId !== undefined) return s;
      id = s.basedOn;
    }
    return {};
  };
  const counters = new Map<number, number[]>();
  return {
    label(pPr) {
      const numPr = pPr && child(pPr, 'w:numPr');
      const style = fromStyle(pPr && child(pPr, 'w:pStyle')?.attrs['w:val']);
      const numId = intVal(numPr && child(numPr, 'w:numId')) ?? style.numId;
      const ilvl = Math.min(8, Math.max(0, intVal(numPr && child(numPr, 'w:ilvl')) ?? style.ilvl ?? 0));
      if (numId === undefined || numId === 0) return '';
      const num = nums.get(numId);
      const levels = num && abstract.get(num.abstractId);
      if (!num || !levels) return '';
      const level = levels.get(ilvl);
      if (!level || level.format === 'bullet' || level.format === 'none') return '';
      const key = num.abstractId;
      const count = counters.get(key) ?? [];
      for (let l = 0; l < ilvl; l++) if (count[l] === undefined) count[l] = num.starts.get(l) ?? levels.get(l)?.start ?? 1;
      count[ilvl] = count[ilvl] === undefined ? (num.starts.get(ilvl) ?? level.start) : count[ilvl]! + 1;
      count.length = ilvl + 1;
      counters.set(key, count);
      return level.text.replace(/%([1-9])/g, (_, d: string) => {
        const l = Number(d) - 1;
        const lv = levels.get(l);
        const value = count[l] ?? lv?.start ?? 1;
        return formatNumber(value, l === ilvl ? level.format : (lv?.format ?? 'decimal'));
      });
    },
  };
}
