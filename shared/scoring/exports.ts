import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import type { Plan, ScoreItem } from '../model/schemas';
import { chineseDate } from '../reports/chineseDate';
import { buildTableWorkbook } from '../reports/tableXlsx';
import { windowRange, type ScoreWindow, type UnitScore } from './compute';
import { itemMax, itemRule } from './scheme';

/**
 * The 考核 result as an .xlsx (ranking, then every score's items and the lines that produced them) and as a Word
 * 考核通报. Both are built from the same `UnitScore`s the screen shows.
 */
export interface ScoresExport {
  plan: Plan;
  window: ScoreWindow;
  items: readonly ScoreItem[];
  scores: readonly UnitScore[];
  today: string;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, ''));
const enabledItems = (items: readonly ScoreItem[]) => items.filter((i) => i.enabled);

export async function buildScoresXlsx(x: ScoresExport): Promise<Uint8Array> {
  const { label } = windowRange(x.window);
  const items = enabledItems(x.items);
  // The points under the item's name, on a line of their own (a bracket never left alone on a line).
  const headers = ['名次', '单位', ...items.map((i) => `${i.label}${itemMax(i) ? `\n（${itemMax(i)}分）` : ''}`), '总分'];
  const detail: (string | number)[][] = [];
  for (const s of x.scores) {
    for (const item of s.items) {
      detail.push([s.name, item.label, item.score, item.note, '']);
      for (const e of item.evidence) detail.push(['', '', '', e.effect === 'credit' ? '✓ 计分' : e.effect === 'debit' ? '✗ 扣分' : '— 不计', e.text]);
    }
  }
  return buildTableWorkbook([
    {
      name: '考核排名',
      paper: 'A4',
      title: `${label}考核得分排名`,
      subtitle: `${x.plan.title}    截至 ${x.today}    得分由台账数据计算，明细见“得分明细”`,
      headers,
      widths: [4, 20, ...items.map(() => 12), 8],
      whole: [1, 2, ...items.map((_, k) => k + 3), items.length + 3],
      rows: x.scores.map((s) => [s.rank, s.name, ...items.map((i) => s.items.find((it) => it.kind === i.kind)?.score ?? 0), s.total]),
      center: [1, ...items.map((_, k) => k + 3), items.length + 3],
      empty: '（没有需要考核的单位）',
      footnotes: items.map((i) => `${i.label}：${itemRule(i)}`),
    },
    {
      name: '得分明细',
      paper: 'A4',
      title: `${label}考核得分明细`,
      subtitle: '每项得分及其依据：计分的报送、销号、指标，扣分的迟报、未报、逾期、退回，以及酌情加减分的理由',
      headers: ['单位', '考核项', '得分', '计算', '依据'],
      widths: [16, 16, 6, 28, 70],
      whole: [1, 2, 3],
      rows: detail,
      center: [3],
      fill: (row, col) => (col <= 3 && detail[row]![0] ? 'FFF2F2F2' : null),
    },
  ]);
}

// ---- Word 考核通报 ----
const FONT_TITLE = '方正小标宋简体';
const FONT_BODY = '仿宋_GB2312';
const FONT_H1 = '黑体';
const half = (pt: number) => Math.round(pt * 2);
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const run = (text: string, font = FONT_BODY, size = 16, bold = false) => new TextRun({ text, font: { eastAsia: font, ascii: font, hAnsi: font }, size: half(size), bold });
const LINE = { line: 560, lineRule: 'exact' as const, before: 0, after: 0 };
const body = (text: string, opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({ spacing: LINE, alignment: opts.align ?? AlignmentType.JUSTIFIED, indent: { firstLine: opts.indent === false ? 0 : 640 }, children: [run(text)] });
const heading = (text: string) => new Paragraph({ spacing: LINE, indent: { firstLine: 640 }, children: [run(text, FONT_H1)] });

function cell(text: string, width: number, header = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    // 五号 (10.5 pt), as tables in a 公文 are set.
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, header ? FONT_H1 : FONT_BODY, 10.5)] })],
  });
}

const CN_RANK = '一二三四五六七八九十';
/** Dates in a 公文's running text are written out ("2024年6月30日"), which also never breaks a date at a hyphen. */
const inWords = (text: string) => text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d) => chineseDate(d));

export async function buildScoreBulletinDocx(x: ScoresExport): Promise<Uint8Array> {
  const { label } = windowRange(x.window);
  const items = enabledItems(x.items);
  const planRef = x.plan.docNumber ? `《${x.plan.title}》（${x.plan.docNumber}）` : `《${x.plan.title}》`;
  const bodyWidth = mm(210 - 28 - 26);
  const nameWidth = mm(36);
  const rankWidth = mm(13);
  const totalWidth = mm(16);
  // Each item's column holds a score ("77.78") on one line; what is left goes by the heading's length, so that no
  // heading stands one character to a line.
  const available = bodyWidth - nameWidth - rankWidth - totalWidth;
  const minItem = Math.min(mm(14), Math.floor(available / Math.max(1, items.length)));
  const labelLengths = items.map((i) => Math.max(3, [...i.label].length));
  const totalLength = labelLengths.reduce((a, b) => a + b, 0) || 1;
  const itemWidths = labelLengths.map((n) => minItem + Math.floor(((available - minItem * items.length) * n) / totalLength));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const table = new Table({
    width: { size: bodyWidth, type: WidthType.DXA },
    columnWidths: [rankWidth, nameWidth, ...itemWidths, totalWidth],
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: [cell('名次', rankWidth, true), cell('单位', nameWidth, true), ...items.map((i, k) => cell(i.label, itemWidths[k]!, true)), cell('总分', totalWidth, true)] }),
      ...x.scores.map(
        (s) =>
          new TableRow({
            children: [cell(String(s.rank), rankWidth), cell(s.name, nameWidth), ...items.map((i, k) => cell(fmt(s.items.find((it) => it.kind === i.kind)?.score ?? 0), itemWidths[k]!)), cell(fmt(s.total), totalWidth)],
          }),
      ),
    ],
  });
  // The first three places and the last (at most three) units below them; when ties put most units in the first
  // three places, nobody is named as leading, and a unit is never named both leading and lagging.
  const topScores = x.scores.length > 3 ? x.scores.filter((s) => s.rank <= 3) : [];
  const top = topScores.length * 2 <= x.scores.length ? topScores.map((s) => s.name) : [];
  const lowestTop = Math.max(3, ...topScores.map((s) => s.rank));
  const bottom = x.scores.length > 3 ? x.scores.filter((s) => s.rank > lowestTop).slice(-3).map((s) => s.name) : [];
  const adjustments = x.scores.flatMap((s) => (s.items.find((i) => i.kind === 'discretionary')?.evidence ?? []).map((e) => `${s.name}：${e.text}`));
  const lagging = x.scores
    .map((s) => ({ name: s.name, lines: s.items.flatMap((i) => (i.kind === 'overdue' || i.kind === 'returned' ? i.evidence.map((e) => inWords(e.text)) : [])) }))
    .filter((s) => s.lines.length);
  const [y, m, d] = x.today.split('-').map(Number) as [number, number, number];
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: 'exact', after: 0 }, children: [run(`关于${label}${x.plan.title.replace(/^关于|的通知$/g, '')}`, FONT_TITLE, 22)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: 'exact', after: 280 }, children: [run('工作考核情况的通报', FONT_TITLE, 22)] }),
    body('各有关单位：', { indent: false }),
    body(`根据${planRef}要求，按照本年度考核方案，依据各单位在任务分解台账中的报送、销号、退回和量化指标等记录，对${label}各牵头单位工作落实情况进行了考核。现将有关情况通报如下：`),
    heading('一、考核方式'),
    ...items.map((i, k) => body(`（${CN_RANK[k] ?? k + 1}）${i.label}。${itemRule(i)}。`)),
    heading('二、考核结果'),
    body(
      `本次共考核 ${x.scores.length} 个单位。${[top.length ? `${top.join('、')}得分位居前列` : '', bottom.length ? `${bottom.join('、')}得分相对靠后，需进一步加大工作力度` : ''].filter(Boolean).join('；')}${top.length || bottom.length ? '。' : ''}各单位得分及排名如下：`,
    ),
    table,
    heading('三、存在问题'),
    ...(lagging.length ? lagging.slice(0, 10).map((s) => body(`${s.name}：${s.lines.slice(0, 5).join('；')}${s.lines.length > 5 ? `等 ${s.lines.length} 项` : ''}。`)) : [body('考核期内未发现逾期或被退回的情况。')]),
    heading('四、酌情加减分情况'),
    ...(adjustments.length ? adjustments.map((t) => body(inWords(t))) : [body('本期无酌情加减分。')]),
    heading('五、有关要求'),
    body('各单位要对照考核结果，认真查找问题和不足，对逾期、迟报和被退回的事项逐项整改，按时报送工作进展，确保各项任务按期完成。考核结果将纳入年度综合考核。'),
    new Paragraph({ spacing: LINE, children: [run('')] }),
    new Paragraph({ spacing: LINE, alignment: AlignmentType.RIGHT, indent: { right: 1280 }, children: [run(x.plan.owner.office)] }),
    new Paragraph({ spacing: LINE, alignment: AlignmentType.RIGHT, indent: { right: 1280 }, children: [run(`${y}年${m}月${d}日`)] }),
  ];
  const doc = new Document({
    creator: '任务分解台账',
    title: `${label}考核通报`,
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } } }, children }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
