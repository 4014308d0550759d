/**
 * The 公文 page and text formats of GB/T 9704-2012, as `docx` building blocks: A4, margins (天头 37 mm, 订口
 * 28 mm; 版心 156 × 225 mm), title in 2号小标宋, body in 3号仿宋 with 22 lines a page, 一级标题 in 3号黑体,
 * 二级标题 in 3号楷体, page numbers "— N —" in 4号宋体 outside (odd pages right, even pages left, one character in),
 * the signature and date at the foot of the text. Only the docx package writes the XML.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx';

/** Font names of the 公文 text, first choice first (the docx format names one font per run: Word and WPS map the
 * _GB2312 names to 仿宋 / 楷体 themselves, LibreOffice falls back through fontconfig). */
export const GONGWEN_FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

/** Sizes in points: 2号 22, 3号 16, 4号 14, 小四 12. */
export const GONGWEN_SIZES = { title: 22, body: 16, pageNumber: 14, table: 12, tableSmall: 10.5 } as const;

/** Page margins in millimetres (top 37, bottom 35, left 28, right 26). */
export const GONGWEN_MARGINS_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;

/** Millimetres to twips, rounded (docx's own helper truncates: 210 mm would come out 1 twip short of A4). */
export const mmTwips = (mm: number): number => Math.round((mm * 1440) / 25.4);
/** A4 in twips, as Word writes it. */
const A4_TWIPS = { width: 11906, height: 16838 } as const;

/** 22 lines in the 225 mm 版心: a fixed line pitch of 28.95 pt. */
export const LINE_PITCH_TWIPS = 579;
const TWIPS_PER_PT = 20;
const halfPoints = (pt: number) => Math.round(pt * 2);
const em = (chars: number, pt: number = GONGWEN_SIZES.body) => Math.round(chars * pt * TWIPS_PER_PT);

const exactLine = (pt = LINE_PITCH_TWIPS / TWIPS_PER_PT) => ({ line: Math.round(pt * TWIPS_PER_PT), lineRule: LineRuleType.EXACT, before: 0, after: 0 });

type Run = { text: string; font?: string; bold?: boolean; size?: number };

function runs(parts: readonly (string | Run)[], font: string, size: number): TextRun[] {
  return parts.map((p) => {
    const r = typeof p === 'string' ? { text: p } : p;
    return new TextRun({ text: r.text, font: r.font ?? font, size: halfPoints(r.size ?? size), bold: r.bold });
  });
}

/** The title: 2号小标宋, centred, on as many lines as it needs. */
export function titleParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: exactLine(35),
    children: runs([text], GONGWEN_FONTS.title, GONGWEN_SIZES.title),
  });
}

/** An empty body line. */
export function blankLine(): Paragraph {
  return new Paragraph({ spacing: exactLine(), children: runs([''], GONGWEN_FONTS.body, GONGWEN_SIZES.body) });
}

/** The addressee (主送机关): flush left, ending in a full-width colon. */
export function addressee(text: string): Paragraph {
  return new Paragraph({ spacing: exactLine(), children: runs([text], GONGWEN_FONTS.body, GONGWEN_SIZES.body) });
}

/** A body paragraph: 3号仿宋, first line indented two characters. Parts may mix in 楷体 or 黑体 runs. */
export function bodyParagraph(parts: readonly (string | Run)[], options: { indent?: boolean; align?: 'left' | 'right' | 'center'; rightIndentChars?: number } = {}): Paragraph {
  return new Paragraph({
    spacing: exactLine(),
    alignment: options.align === 'right' ? AlignmentType.RIGHT : options.align === 'center' ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    indent: {
      firstLine: options.indent === false ? 0 : em(2),
      right: options.rightIndentChars ? em(options.rightIndentChars) : undefined,
    },
    children: runs(parts, GONGWEN_FONTS.body, GONGWEN_SIZES.body),
  });
}

/** 一级标题 "一、…": 3号黑体, indented two characters. */
export function heading1(text: string): Paragraph {
  return new Paragraph({ spacing: exactLine(), indent: { firstLine: em(2) }, children: runs([text], GONGWEN_FONTS.heading1, GONGWEN_SIZES.body) });
}

/** 二级标题 "（一）…" as a run in 3号楷体, to begin a body paragraph. */
export function heading2Run(text: string): Run {
  return { text, font: GONGWEN_FONTS.heading2 };
}

/** 二级标题 on its own line. */
export function heading2(text: string): Paragraph {
  return bodyParagraph([heading2Run(text)]);
}

/** 附件说明 under the text: "附件：…", indented two characters, further lines hanging under the name. */
export function attachmentNote(names: readonly string[]): Paragraph[] {
  if (names.length === 1) return [bodyParagraph([`附件：${names[0]}`])];
  return names.map((n, i) => bodyParagraph([i === 0 ? `附件：1.${n}` : `　　　${i + 1}.${n}`]));
}

/** 发文机关署名 and 成文日期 at the foot of the text: the date right-aligned four characters in, the name above it. */
export function signature(office: string, dateText: string): Paragraph[] {
  return [
    blankLine(),
    blankLine(),
    new Paragraph({ spacing: exactLine(), alignment: AlignmentType.RIGHT, indent: { right: em(4) }, children: runs([office], GONGWEN_FONTS.body, GONGWEN_SIZES.body) }),
    new Paragraph({ spacing: exactLine(), alignment: AlignmentType.RIGHT, indent: { right: em(4) }, children: runs([dateText], GONGWEN_FONTS.body, GONGWEN_SIZES.body) }),
  ];
}

/** The 附件 mark at the top left of an attachment's first page: 3号黑体. */
export function attachmentMark(label = '附件'): Paragraph {
  return new Paragraph({ spacing: exactLine(), children: runs([label], GONGWEN_FONTS.heading1, GONGWEN_SIZES.body) });
}

export function pageBreak(): Paragraph {
  return new Paragraph({ children: [new PageBreak()] });
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const cellBorders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };
/** Borders on the table itself (every cell inherits them: far smaller files than borders on each cell). */
const tableBorders = { ...cellBorders, insideHorizontal: cellBorder, insideVertical: cellBorder };

export interface TableColumn {
  header: string;
  /** Share of the table width (the shares are normalised). */
  weight: number;
  center?: boolean;
}

type CellKind = 'text' | 'center' | 'head' | 'group';
/** Paragraph styles of table text: 仿宋 left or centred, 黑体 centred (headers) or left (group rows), per size. */
const TABLE_STYLE = (size: number, kind: CellKind) => `GwTable${kind}${Math.round(size * 2)}`;
const TABLE_SIZES = [GONGWEN_SIZES.table, GONGWEN_SIZES.tableSmall, GONGWEN_SIZES.pageNumber];
const CELL_KIND_NAMES: Record<CellKind, string> = { text: '表格文字', center: '表格文字居中', head: '表格标题', group: '表格分组' };
function tableParagraphStyles() {
  return TABLE_SIZES.flatMap((size) =>
    (['text', 'center', 'head', 'group'] as const).map((kind) => ({
      id: TABLE_STYLE(size, kind),
      // Names must differ: LibreOffice keys paragraph styles by name.
      name: `${CELL_KIND_NAMES[kind]}${size}`,
      run: { font: kind === 'head' || kind === 'group' ? GONGWEN_FONTS.heading1 : GONGWEN_FONTS.body, size: halfPoints(size) },
      paragraph: {
        alignment: kind === 'text' || kind === 'group' ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: { line: Math.round(size * 1.3 * TWIPS_PER_PT), lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
      },
    })),
  );
}

/** A cell's paragraphs: one per line of its text, in a table paragraph style (no per-run formatting). */
function cellParagraphs(text: string, size: number, kind: CellKind): Paragraph[] {
  return (text || '').split('\n').map((line) => new Paragraph({ style: TABLE_STYLE(size, kind), children: [new TextRun(line)] }));
}

export type TableLine = { kind: 'row'; cells: string[] } | { kind: 'group'; text: string };

/**
 * A ruled table across the text width: a header row repeated on every page, then rows (or group rows spanning all
 * columns, e.g. the sections of the 任务分解表). Text in 仿宋 at `size` points. Column widths are set once on the
 * table grid with a fixed layout (a width on each of 35,000 cells would double the time to write a large table).
 */
export function ruledTable(columns: readonly TableColumn[], lines: readonly TableLine[], widthTwips: number, size: number = GONGWEN_SIZES.table): Table {
  const total = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => Math.floor((widthTwips * c.weight) / total));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map(
      (c) =>
        new TableCell({
          verticalAlign: VerticalAlignTable.CENTER,
          children: cellParagraphs(c.header, size, 'head'),
        }),
    ),
  });
  const rows = lines.map((line) =>
    line.kind === 'group'
      ? new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              columnSpan: columns.length,
              children: cellParagraphs(line.text, size, 'group'),
            }),
          ],
        })
      : new TableRow({
          // A row moves to the next page whole (a task's text is never split between pages).
          cantSplit: true,
          children: columns.map(
            (c, i) =>
              new TableCell({
                children: cellParagraphs(line.cells[i] ?? '', size, c.center ? 'center' : 'text'),
              }),
          ),
        }),
  );
  return new Table({
    width: { size: widthTwips, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: tableBorders,
    rows: [header, ...rows],
  });
}

/**
 * A form (such as the 回执): rows of label | value pairs on a four-column grid (label 20 %, value 30 %); a row with
 * one pair gives its value the rest of the width. Text in 4号仿宋.
 */
export function formTable(rows: readonly { label: string; value: string; heightMm?: number }[][], widthTwips: number): Table {
  const grid = [0.2, 0.3, 0.2, 0.3].map((share) => Math.floor(widthTwips * share));
  const size = GONGWEN_SIZES.pageNumber;
  const cell = (text: string, span: number, from: number, center: boolean) =>
    new TableCell({
      columnSpan: span,
      width: { size: grid.slice(from, from + span).reduce((a, b) => a + b, 0), type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children: cellParagraphs(text, size, center ? 'center' : 'text'),
    });
  return new Table({
    width: { size: widthTwips, type: WidthType.DXA },
    columnWidths: grid,
    layout: TableLayoutType.FIXED,
    borders: tableBorders,
    rows: rows.map(
      (pairs) =>
        new TableRow({
          height: { value: mmTwips(pairs[0]?.heightMm ?? 12), rule: 'atLeast' },
          children:
            pairs.length === 1
              ? [cell(pairs[0]!.label, 1, 0, true), cell(pairs[0]!.value, 3, 1, false)]
              : pairs.slice(0, 2).flatMap((p, i) => [cell(p.label, 1, i * 2, true), cell(p.value, 1, i * 2 + 1, false)]),
        }),
    ),
  });
}

/** Text width of a portrait page and of a landscape page (twips). */
export const TEXT_WIDTH_TWIPS = mmTwips(210 - GONGWEN_MARGINS_MM.left - GONGWEN_MARGINS_MM.right);
export const LANDSCAPE_TEXT_WIDTH_TWIPS = mmTwips(297 - 25 - 25);

/** "— N —" in 4号宋体, one character in from the outer edge: right on odd pages, left on even pages. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const size = halfPoints(GONGWEN_SIZES.pageNumber);
  const font = GONGWEN_FONTS.pageNumber;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: em(1, GONGWEN_SIZES.pageNumber) } : { left: em(1, GONGWEN_SIZES.pageNumber) },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font, size })],
      }),
    ],
  });
}

export interface GongwenSection {
  children: ISectionOptions['children'];
  /** A landscape section (wide attachment tables). */
  landscape?: boolean;
}

/** The document: A4, GB/T 9704 margins and page numbers, the given sections in order (page numbers run on). */
export function gongwenDocument(options: { title: string; creator: string; sections: readonly GongwenSection[] }): Document {
  const footers = { default: pageNumberFooter('odd'), even: pageNumberFooter('even') };
  return new Document({
    creator: options.creator,
    title: options.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { font: GONGWEN_FONTS.body, size: halfPoints(GONGWEN_SIZES.body) } },
      },
      paragraphStyles: tableParagraphStyles(),
    },
    sections: options.sections.map((s) => ({
      properties: {
        page: s.landscape
          ? {
              size: { ...A4_TWIPS, orientation: PageOrientation.LANDSCAPE },
              margin: {
                top: mmTwips(25),
                bottom: mmTwips(25),
                left: mmTwips(25),
                right: mmTwips(25),
                footer: mmTwips(12),
              },
            }
          : {
              size: { ...A4_TWIPS, orientation: PageOrientation.PORTRAIT },
              margin: {
                top: mmTwips(GONGWEN_MARGINS_MM.top),
                bottom: mmTwips(GONGWEN_MARGINS_MM.bottom),
                left: mmTwips(GONGWEN_MARGINS_MM.left),
                right: mmTwips(GONGWEN_MARGINS_MM.right),
                // 一字线 7 mm below the 版心, the number about 5 mm tall.
                footer: mmTwips(GONGWEN_MARGINS_MM.bottom - 7 - 5),
              },
            },
      },
      // The 公文 line grid: 22 lines a page in the portrait text.
      ...(s.landscape ? {} : { grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH_TWIPS } }),
      footers,
      children: s.children,
    })),
  });
}

/** The finished .docx bytes. */
export async function packDocx(doc: Document): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
