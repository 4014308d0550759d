import { chineseNumber } from './numbering';
import { pipeCells } from './pipeTables';

/**
 * Document metadata: the measures document's own title (not the cover notice's), 文号, issuer and date.
 * Works on the document's lines in reading order; scraped pages carry site noise around the text.
 */
export interface DocumentMetadata {
  title: string | null;
  /** Line index of the title (the body starts there), or -1. */
  titleLine: number;
  docNumber: string | null;
  issuer: string | null;
  date: string | null;
}

const DOC_TYPES = /(?:(?:进度|情况|一览)表|若干措施|重点任务|重点工作|任务分工|责任分工|任务分解|责任分解|目标任务|实事项目|措施|实施方案|工作方案|方案|工作要点|要点|指导意见|实施意见|意见|办法|细则|规定|规划|计划|行动计划|任务清单|清单|通知|决定|纲要|制度|规则|机制)$/;
const NOTICE = /关于印发(.+?)的通知/;
/**
 * A numbered heading of the text ("五、保障措施", "(三)工作措施", "2.实施方案"): a part of the document, never its
 * title, whatever word it ends with.
 */
const OUTLINE_HEADING = /^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,3}[、.．](?!\d)|第[一二三四五六七八九十百]+[章节条部篇])/;
const DOC_NUMBER = /([\u4e00-\u9fa5A-Za-z]{1,16}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,5}\s*号)/;
const DATE_LINE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;

const squash = (s: string): string => s.replace(/[\s\u3000\u00a0]+/g, '');

function isoDate(y: string, m: string, d: string): string | null {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const looksLikeOrg = (s: string): boolean =>
  s.length >= 4 && s.length <= 80 && !/[。，,；;：:！？]/.test(s) && /(?:局|委员会|委|政府|办公室|办|厅|院|部|中心|会)$/.test(s.replace(/\s+/g, ''));

/** The first half of a title broken over two lines: a phrase, not a sentence, label, date or number. */
function isTitleStart(s: string): boolean {
  return (
    s.length >= 4 &&
    !/[。，,；;：:！!？?|]/.test(s) &&
    !DOC_TYPES.test(s) &&
    !DOC_NUMBER.test(s) &&
    !/^\d|年\d{1,2}月\d{1,2}日$|^(?:附件|当前位置|首页|来源|发布|索引号)/.test(s) &&
    /[\u4e00-\u9fff]{4}/.test(s) &&
    /(?:关于|国务院|政府|办公厅|办公室|[省市县区州]|《)/.test(s)
  );
}

/**
 * A metadata row written with bars between label and value cells ("文 号 | 江政办〔2022〕1号 | 发文日期 | …"):
 * the 文号 label and the cell after it; other lines as they are.
 */
function labelledCell(line: string): string {
  const cells = pipeCells(line);
  if (!cells || cells.length < 3) return line;
  const at = cells.findIndex((c) => /^(?:文\s*号|发文字号)\s*[:：]?$/.test(c));
  return at >= 0 && at + 1 < cells.length ? `文号：${cells[at + 1]}` : line;
}

/** A web page's navigation path ("首页>>专题专栏>>…", "首页 > 政务公开 > …"): never the document's title. */
const BREADCRUMB = />>|»|＞|>/;

/** A title's trailing qualifier in brackets ("(2023年)", "(截至10月31日)", "(2020—2022年)") set aside to see what kind of document it names. */
function withoutQualifier(title: string): string {
  return title.replace(/[（(][^（()）]{1,20}[)）]$/, '');
}

export function readMetadata(lines: readonly string[]): DocumentMetadata {
  const limit = Math.min(lines.length, 400);
  const trimmed: string[] = [];
  for (let i = 0; i < limit; i++) trimmed.push((lines[i] ?? '').replace(/[\u00a0\u3000\t]/g, ' ').trim().slice(0, 300));

  // 文号: a line that is only a document number (optionally labelled "文号:").
  let docNumber: string | null = null;
  let docNumberLine = -1;
  for (let i = 0; i < trimmed.length && docNumber === null; i++) {
    const t = labelledCell(trimmed[i]!);
    const labelled = /^(?:文\s*号|发文字号|索\s*引\s*号)?\s*[:：]?\s*(.*)$/.exec(t)!;
    const rest = labelled[1]!;
    const m = DOC_NUMBER.exec(rest);
    if (m && squash(rest).length <= squash(m[1]!).length + 2) {
      docNumber = squash(m[1]!);
      docNumberLine = i;
    } else if (/^(?:文\s*号|发文字号)\s*[:：]/.test(t) && m) {
      docNumber = squash(m[1]!);
      docNumberLine = i;
    }
  }

  // Notice title → inner title → the measures document's own title line.
  let title: string | null = null;
  let titleLine = -1;
  let issuer: string | null = null;
  let inner: string | null = null;
  let noticeLine = -1;
  for (let i = 0; i < trimmed.length; i++) {
    const m = NOTICE.exec(trimmed[i]!);
    if (!m) continue;
    inner = squash(m[1]!).replace(/^《/, '').replace(/》$/, '');
    noticeLine = i;
    const before = trimmed[i]!.slice(0, m.index).replace(/^\[[^\]]*\]\s*/, '').trim();
    if (before && looksLikeOrg(before)) issuer = before.replace(/\s+/g, ' ');
    break;
  }
  if (inner) {
    const key = inner;
    // A line ending with the inner title; failing that, two or three consecutive lines that spell it.
    for (let i = noticeLine + 1; i < trimmed.length && title === null; i++) {
      for (let span = 1; span <= 3 && i + span <= trimmed.length && title === null; span++) {
        const parts = trimmed.slice(i, i + span).map(squash);
        if (parts.some((p) => !p) || parts[0]!.includes('关于印发') || /^附件/.test(parts[0]!)) continue;
        const joined = parts.join('');
        const keyStart = joined.length - key.length;
        if (joined.endsWith(key) && keyStart < parts[0]!.length && keyStart <= 24 && !/[。，,]/.test(joined)) {
          title = joined;
          titleLine = i;
        }
      }
    }
    if (title === null) title = inner;
  }
  if (title === null) {
    // No notice: the first short line (or a line's first phrase) ending in a document type.
    for (let i = 0; i < trimmed.length && title === null; i++) {
      const t = trimmed[i]!;
      if (!t || t.length > 300) continue;
      const first = t.split(/\s+/)[0]!;
      for (const candidate of [t, first]) {
        const c = candidate.replace(/\s+/g, '');
        if (c.length >= 6 && c.length <= 60 && DOC_TYPES.test(withoutQualifier(c)) && !BREADCRUMB.test(c) && !/[。，,；;:：!！?？]/.test(c) && !/^(?:附件|关于印发)/.test(c) && !OUTLINE_HEADING.test(c)) {
          title = c;
          titleLine = i;
          // A title broken over two lines: the first half on the line above ("国务院关于促进综合保税区").
          const above = i > 0 && candidate === t ? squash(trimmed[i - 1]!) : '';
          if (above && above.length <= 30 && c.length + above.length <= 80 && isTitleStart(above) && !BREADCRUMB.test(above)) {
            title = above + c;
            titleLine = i - 1;
          }
          break;
        }
      }
      // A title wrapped over two lines.
      if (title === null && t.length <= 40 && !/[。，,；;]/.test(t) && !OUTLINE_HEADING.test(squash(t)) && !BREADCRUMB.test(t) && i + 1 < trimmed.length) {
        const joined = squash(t) + squash(trimmed[i + 1]!);
        if (joined.length <= 60 && DOC_TYPES.test(joined) && squash(trimmed[i + 1]!).length <= 12) {
          title = joined;
          titleLine = i;
        }
      }
    }
  }

  if (title === null) {
    // Only a table with its caption ("…若干措施任务分解表"): the measures' title is the caption's stem.
    for (let i = 0; i < trimmed.length && title === null; i++) {
      const t = squash(trimmed[i]!).replace(/^附件\d*[:：]?/, '');
      if (BREADCRUMB.test(t)) continue;
      const m = /^(.{4,60}?)(?:任务分解表|责任分工表|任务分工表|重点任务清单|任务清单|工作台账)$/.exec(t);
      if (m) {
        title = DOC_TYPES.test(m[1]!) ? m[1]! : t;
        titleLine = i;
      }
    }
  }

  // Date: the first line that is only a date in 年月日 form (the signing date), after the notice if any.
  let date: string | null = null;
  let dateLine = -1;
  for (let i = 0; i < trimmed.length && date === null; i++) {
    const m = DATE_LINE.exec(trimmed[i]!.replace(/\s+/g, ''));
    if (m) {
      date = isoDate(m[1]!, m[2]!, m[3]!);
      dateLine = i;
    }
  }
  if (date === null) {
    // Signing dates in Chinese numerals: "二〇二二年九月九日".
    for (let i = 0; i < trimmed.length && date === null; i++) {
      const m = /^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/.exec(trimmed[i]!.replace(/\s+/g, ''));
      if (m) {
        const year = [...m[1]!].map((ch) => String('〇一二三四五六七八九'.indexOf(ch.replace(/[○零]/, '〇')))).join('');
        date = isoDate(year, String(chineseNumber(m[2]!)), String(chineseNumber(m[3]!)));
        dateLine = i;
      }
    }
  }
  if (date === null) {
    for (let i = 0; i < trimmed.length && date === null; i++) {
      const m = /(?:成文日期|发文日期|印发日期|发布日期)\s*[:：]\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(trimmed[i]!);
      if (m) date = isoDate(m[1]!, m[2]!, m[3]!);
    }
  }
  if (issuer === null && dateLine > 0) {
    for (let i = dateLine - 1; i >= Math.max(0, dateLine - 3); i--) {
      const t = trimmed[i]!;
      if (!t) continue;
      if (looksLikeOrg(t)) issuer = t.replace(/\s+/g, ' ');
      break;
    }
  }
  void docNumberLine;
  return { title, titleLine, docNumber, issuer, date };
}
