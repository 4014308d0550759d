/**
 * Every cell of every sheet of a workbook, as stored: for checking a filled 填报表 cell by cell. Unlike the document
 * readers (shared/parser/readers), nothing is cleaned or skipped: hidden sheets are read, formulas are reported,
 * merged ranges are listed. The cells are read as the document readers read them (forEachXlsxCell in
 * readers/xlsx.ts: Excel, WPS and LibreOffice write .xlsx differently — shared or inline strings, prefixed XML, rich
 * text — through the bounded zip and XML readers; forEachBiffCell in readers/xls.ts for .xls, BIFF8, "Excel
 * 97–2003"); only what is kept differs.
 */
import { openZip, isZip, type ZipArchive } from '../parser/readers/zip';
import { isOle, openOle } from '../parser/readers/ole';
import { parseXml } from '../parser/readers/xml';
import { forEachBiffCell, openBiffWorkbook } from '../parser/readers/xls';
import { forEachXlsxCell, openXlsxWorkbook, sharedStrings, xlsxMerges, xlsxWorkbookPath, type CellRange } from '../parser/readers/xlsx';
import { DocumentRefusedError } from '../parser/types';

export interface CellValue {
  text: string;
  /** The cell holds a formula (its cached result is `text`). */
  formula: boolean;
  numeric: boolean;
}

export interface SheetCells {
  name: string;
  /** 'visible', 'hidden' or 'veryHidden'. */
  state: string;
  /** Cells by "row,col" (1-based, as the sheet shows them). */
  cells: Map<string, CellValue>;
  /** Merged ranges, 1-based like the cells. */
  merges: CellRange[];
}

export class WorkbookRefusedError extends Error {
  override readonly name = 'WorkbookRefusedError';
}

const MAX_CELLS = 500_000;
const key = (row: number, col: number) => `${row},${col}`;

export function cellText(sheet: SheetCells, row: number, col: number): string {
  return sheet.cells.get(key(row, col))?.text ?? '';
}

/** Read a workbook's cells; refuses what is not an Excel workbook with a Chinese message. */
export function readWorkbookCells(bytes: Uint8Array): SheetCells[] {
  try {
    if (isZip(bytes)) return readXlsxCells(openZip(bytes));
    if (isOle(bytes)) {
      const ole = openOle(bytes);
      if (ole.has('EncryptedPackage')) throw new WorkbookRefusedError('文件设置了打开密码，请取消密码后再导入');
      if (!ole.has('Workbook') && !ole.has('Book')) throw new WorkbookRefusedError('这不是 Excel 工作簿（.xls）文件');
      return readXlsCells(ole.stream(ole.has('Workbook') ? 'Workbook' : 'Book'));
    }
  } catch (e) {
    if (e instanceof WorkbookRefusedError) throw e;
    if (e instanceof DocumentRefusedError) throw new WorkbookRefusedError(e.message);
    throw e;
  }
  throw new WorkbookRefusedError('这不是 Excel 文件（.xlsx 或 .xls），请选择填好的填报表');
}

// ---------------------------------------------------------------- .xlsx

const tooMany = () => new WorkbookRefusedError('表格过大，不是本软件导出的填报表');
/** The readers' ranges are 0-based; a 填报表 check speaks of rows and columns as the sheet shows them. */
const oneBased = (m: CellRange): CellRange => ({ r0: m.r0 + 1, c0: m.c0 + 1, r1: m.r1 + 1, c1: m.c1 + 1 });

function readXlsxCells(zip: ZipArchive): SheetCells[] {
  // A Word or other Office package chosen by mistake: said as such, not as a damaged file.
  if (!xlsxWorkbookPath(zip)) throw new WorkbookRefusedError('这不是 Excel 工作簿（缺少 workbook.xml），可能已损坏');
  const workbook = openXlsxWorkbook(zip);
  const shared = sharedStrings(zip, workbook.partOfType('sharedStrings', 'xl/sharedStrings.xml'));
  const out: SheetCells[] = [];
  // One bound over the whole workbook: every sheet's cells count toward it.
  const limit = { max: MAX_CELLS, error: tooMany, used: 0 };
  for (const sheet of workbook.sheets) {
    const xml = parseXml(zip.readText(sheet.target), true);
    const cells = new Map<string, CellValue>();
    forEachXlsxCell(xml, shared, null, limit, (cell) => {
      if (cell.text === '' && !cell.formula) return;
      cells.set(key(cell.row + 1, cell.col + 1), { text: cell.text, formula: cell.formula, numeric: cell.numeric });
    });
    out.push({ name: sheet.name, state: sheet.state, cells, merges: xlsxMerges(xml).map(oneBased) });
  }
  return out;
}

// ---------------------------------------------------------------- .xls (BIFF8)

function readXlsCells(stream: Uint8Array): SheetCells[] {
  const book = openBiffWorkbook(stream, { max: MAX_CELLS, error: tooMany });
  const out: SheetCells[] = [];
  const limit = { max: MAX_CELLS, error: tooMany, used: 0 };
  for (const sheet of book.sheets) {
    const cells = new Map<string, CellValue>();
    const merges = forEachBiffCell(book, sheet.offset, false, limit, (cell) => {
      if (cell.text === '' && !cell.formula) return;
      cells.set(key(cell.row + 1, cell.col + 1), { text: cell.text, formula: cell.formula, numeric: cell.numeric });
    });
    out.push({ name: sheet.name, state: sheet.state, cells, merges: merges.map(oneBased) });
  }
  return out;
}
