import ExcelJS from 'exceljs';
import { formColumn, FORM_ROWS, FORM_SHEET_NAME, AUTHOR_CELL, type FormColumnKey } from '../../../shared/forms/layout';

export interface RowFill {
  status?: string;
  progress?: string;
  problems?: string;
  nextSteps?: string;
  percent?: number | string;
}

export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

/**
 * Fill a 填报表 as a unit would in Excel: type into the editable cells of the rows (by task 序号), then save.
 * `edit` may change anything else (the bad-sheet cases). `inlineStrings` saves without a shared-strings table.
 */
export async function fillForm(
  bytes: Uint8Array,
  fills: Record<string, RowFill>,
  options: { author?: string; inlineStrings?: boolean; edit?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void } = {},
): Promise<Uint8Array> {
  const wb = await loadWorkbook(bytes);
  const ws = wb.getWorksheet(FORM_SHEET_NAME)!;
  for (let r = FORM_ROWS.firstTask; r <= ws.rowCount; r++) {
    const number = String(ws.getCell(r, formColumn('number')).value ?? '');
    const fill = fills[number];
    if (!fill) continue;
    for (const key of ['status', 'progress', 'problems', 'nextSteps', 'percent'] as const satisfies readonly FormColumnKey[]) {
      if (fill[key] !== undefined) ws.getCell(r, formColumn(key)).value = fill[key] as string | number;
    }
  }
  if (options.author !== undefined) ws.getCell(AUTHOR_CELL.row, AUTHOR_CELL.col).value = options.author;
  options.edit?.(ws, wb);
  const out = await wb.xlsx.writeBuffer({ useSharedStrings: !options.inlineStrings } as ExcelJS.XlsxWriteOptions);
  return new Uint8Array(out as ArrayBuffer);
}

/** Sheet row of a task number in a form. */
export async function rowOfNumber(bytes: Uint8Array, number: string): Promise<number> {
  const ws = (await loadWorkbook(bytes)).getWorksheet(FORM_SHEET_NAME)!;
  for (let r = FORM_ROWS.firstTask; r <= ws.rowCount; r++) if (String(ws.getCell(r, formColumn('number')).value) === number) return r;
  throw new Error(`no row for ${number}`);
}
