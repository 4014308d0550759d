/**
 * Numbering markers at the start of a line: "一、", "(一)", "1.", "（1）", "①", "第一条".
 * Each marker has a style (so nesting can be inferred from order of appearance) and a numeric value
 * (so gaps and duplicates can be found).
 */
export type NumberStyle = 'cn' | 'paren-cn' | 'arabic' | 'paren-arabic' | 'circled' | 'article';

export interface Marker {
  style: NumberStyle;
  value: number;
  /** The marker as printed, without trailing punctuation: "一", "(一)", "1", "（1）", "①". */
  label: string;
  /** Length of the marker including its punctuation and following spaces. */
  length: number;
}

const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** "二十三" → 23, "一百零五" → 105; NaN when not a Chinese numeral. */
export function chineseNumber(s: string): number {
  if (!s || s.length > 6) return NaN;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in CN_DIGIT) current = CN_DIGIT[ch]!;
    else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else return NaN;
  }
  return total + current;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

const RE_CN = /^([零〇一二两三四五六七八九十百]{1,5})\s*[、．.]\s*/;
const RE_PAREN_CN = /^[（(]\s*([零〇一二两三四五六七八九十百]{1,5})\s*[)）]\s*[、．.]?\s*/;
const RE_ARABIC = /^(\d{1,3})\s*(?:[.．、](?!\d)|\s*[)）](?![\d]))\s*/;
const RE_PAREN_ARABIC = /^[（(]\s*(\d{1,3})\s*[)）]\s*[、．.]?\s*/;
const RE_ARTICLE = /^第([零〇一二两三四五六七八九十百]{1,5})条\s*/;

export function readMarker(line: string): Marker | null {
  const head = line.slice(0, 16);
  const printed = (m: RegExpExecArray) => m[0].replace(/[、．.\s]+$/, '').replace(/\s+/g, '');
  let m = RE_PAREN_CN.exec(head);
  if (m) return { style: 'paren-cn', value: chineseNumber(m[1]!), label: printed(m), length: m[0].length };
  m = RE_PAREN_ARABIC.exec(head);
  if (m) return { style: 'paren-arabic', value: Number(m[1]), label: printed(m), length: m[0].length };
  m = RE_CN.exec(head);
  if (m) {
    const v = chineseNumber(m[1]!);
    if (Number.isFinite(v) && v > 0) return { style: 'cn', value: v, label: m[1]!, length: m[0].length };
  }
  m = RE_ARTICLE.exec(head);
  if (m) return { style: 'article', value: chineseNumber(m[1]!), label: `第${m[1]}条`, length: m[0].length };
  m = RE_ARABIC.exec(head);
  if (m && !/^\d{1,3}\s*[.．]\s*\d/.test(head)) return { style: 'arabic', value: Number(m[1]), label: m[1]!, length: m[0].length };
  const c = head[0] ? CIRCLED.indexOf(head[0]) : -1;
  if (c >= 0) return { style: 'circled', value: c + 1, label: head[0]!, length: /^.\s*[、．.]?\s*/.exec(head)![0].length };
  return null;
}

/** The printed label of a value in a style, to name a missing number in a warning ("(六)", "29"). */
export function labelFor(style: NumberStyle, value: number, like: string): string {
  const cn = toChinese(value);
  switch (style) {
    case 'cn':
      return `${cn}、`;
    case 'paren-cn':
      return like.startsWith('（') ? `（${cn}）` : `(${cn})`;
    case 'arabic':
      return String(value);
    case 'paren-arabic':
      return like.startsWith('（') ? `（${value}）` : `(${value})`;
    case 'circled':
      return CIRCLED[value - 1] ?? String(value);
    case 'article':
      return `第${cn}条`;
  }
}

export function toChinese(n: number): string {
  const d = '零一二三四五六七八九';
  if (n <= 0 || n >= 1000) return String(n);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let s = '';
  if (h) s += `${d[h]}百`;
  if (t) s += t === 1 && !h ? '十' : `${d[t]}十`;
  else if (h && u) s += '零';
  if (u) s += d[u];
  return s;
}
