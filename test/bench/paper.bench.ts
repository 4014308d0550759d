/**
 * Paper outputs at scale (Node): the 台账 and the 督办通报 of a 5,000-task plan, and importing 30 filled 填报表,
 * each beside a reference measured in the same run on the same data (plain exceljs / docx output of the same
 * size; exceljs reading the same 30 files). Figures are medians of 3 runs (the machine is shared).
 */
import 'fake-indexeddb/auto';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { periodLabel } from '../../shared/model';
import { benchSentence, generate } from './paperData';
import { buildLedger, ledgerLines } from '../../shared/reports/ledger';
import { buildNoticeDocx } from '../../shared/reports/docs/notice';
import { computeStandings } from '../../shared/tracking/standing';
import { buildFormXlsx } from '../../shared/forms/formSheet';
import { checkFilledForm } from '../../shared/forms/formCheck';
import { readWorkbookCells } from '../../shared/forms/workbookCells';
import { formColumn, FORM_ROWS, FORM_SHEET_NAME } from '../../shared/forms/layout';
import { TaizhangDB } from '../../renderer/db/database';
import { setIdentity } from '../../renderer/db/installation';
import { savePlanRecords } from '../../renderer/db/plans';
import { applyFormImport, previewFormImport } from '../../renderer/db/formImport';
import { loadPlanView } from '../../renderer/db/tracking';

const TODAY = '2025-06-25';
const PERIOD = '2025-Q2';
const SHEETS = 30;
const sentence = benchSentence;

async function timeMedian<T>(fn: () => Promise<T> | T, runs = 3): Promise<{ ms: number; value: T }> {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = await fn();
    times.push(performance.now() - t0);
  }
  return { ms: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!, value };
}
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const mb = (bytes: Uint8Array) => `${(bytes.byteLength / 1e6).toFixed(2)} MB`;
function line(label: string, ms: number, refLabel: string, refMs: number) {
  console.log(`${label}: ${fmt(ms)} ms (${refLabel}: ${fmt(refMs)} ms, ratio ${(ms / refMs).toFixed(1)}×)`);
}

const data = generate();
const standings = computeStandings({ ...data, today: TODAY });
console.log(`generated ${data.tasks.length} tasks, ${data.reports.length} reports, ${data.units.length} units`);

// 台账: the whole plan, made to print, beside exceljs writing the same rows with no styles or layout.
const lines = ledgerLines({ ...data, today: TODAY, standings, scope: { kind: 'all' } });
const ledger = await timeMedian(() => buildLedger({ ...data, today: TODAY, standings, scope: { kind: 'all' } }));
const plainXlsx = await timeMedian(async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('plain');
  for (const l of lines) ws.addRow(l.kind === 'section' ? [l.text] : Object.values(l.values));
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
});
line(
  `台账 .xlsx, 5,000 tasks (${ledger.value.pages} A4 pages, heights and page breaks computed, ${mb(ledger.value.bytes)})`,
  ledger.ms,
  `plain exceljs sheet of the same ${lines.length} rows, no styles (${mb(plainXlsx.value)})`,
  plainXlsx.ms,
);

// 督办通报: 公文 text plus the 5,000-row 附件 table, beside docx writing the same table with default styles.
const notice = await timeMedian(() => buildNoticeDocx({ ...data, today: TODAY, standings, period: PERIOD }));
const plainDocx = await timeMedian(async () => {
  const rows = lines.map(
    (l) =>
      new TableRow({
        children: (l.kind === 'section' ? [l.text] : [l.values.number, l.values.content, l.values.lead, l.values.deadline, l.values.status, l.values.progress, l.values.problems]).map(
          (text) => new TableCell({ children: [new Paragraph({ children: [new TextRun(text)] })] }),
        ),
      }),
  );
  const doc = new Document({ sections: [{ children: [new Paragraph('通报'), new Table({ rows })] }] });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
});
line(`督办通报 .docx, 5,000-task 附件 (${mb(notice.value)})`, notice.ms, `plain docx table of the same rows (${mb(plainDocx.value)})`, plainDocx.ms);

// 30 filled 填报表: make them (as a unit would fill them), then check them all, then preview + apply through the
// database command (fake-indexeddb in Node: slow, and not the browser's figure; the e2e test covers the browser).
const units = data.units.slice(0, SHEETS);
const filled: { name: string; bytes: Uint8Array }[] = [];
for (const unit of units) {
  const form = await buildFormXlsx({ ...data, unitId: unit.id, period: PERIOD, today: TODAY });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(form.bytes.buffer.slice(form.bytes.byteOffset, form.bytes.byteOffset + form.bytes.byteLength) as ArrayBuffer);
  const ws = wb.getWorksheet(FORM_SHEET_NAME)!;
  for (let i = 0; i < form.rows.length; i++) {
    const r = FORM_ROWS.firstTask + i;
    ws.getCell(r, formColumn('status')).value = '推进中';
    ws.getCell(r, formColumn('progress')).value = `${periodLabel(PERIOD)}：${sentence(20)}`;
    ws.getCell(r, formColumn('percent')).value = 50;
  }
  filled.push({ name: `${unit.name}.xlsx`, bytes: new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer) });
}
const rowsTotal = filled.length;
const planData = () => data;
const checked = await timeMedian(() => filled.map((f) => checkFilledForm(readWorkbookCells(f.bytes), planData, TODAY)));
const rowCount = checked.value.reduce((n, c) => n + c.rows.length, 0);
if (!checked.value.every((c) => c.ok)) throw new Error(`bench sheets refused: ${checked.value.find((c) => !c.ok)?.refusal}`);
const exceljsRead = await timeMedian(async () => {
  for (const f of filled) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(f.bytes.buffer.slice(f.bytes.byteOffset, f.bytes.byteOffset + f.bytes.byteLength) as ArrayBuffer);
  }
});
line(`check ${rowsTotal} filled 填报表 (${rowCount} rows: read, validate whole, classify)`, checked.ms, `exceljs only loading the same ${rowsTotal} files`, exceljsRead.ms);

const db = new TaizhangDB('bench-forms');
await setIdentity(db, '市政府督查办', 'supervisor');
await savePlanRecords(db, data);
await db.reports.bulkPut(data.reports);
const now = new Date(`${TODAY}T10:00:00+08:00`);
const t0 = performance.now();
const previews = await previewFormImport(db, filled, now);
const tPreview = performance.now() - t0;
const applied = await applyFormImport(db, previews, now);
const tApply = performance.now() - t0 - tPreview;
const putRef0 = performance.now();
await db.reports.bulkPut(data.reports.slice(0, applied.written).map((r) => ({ ...r, id: `rep_f${r.id.slice(5)}` })));
const putRef = performance.now() - putRef0;
const readRef0 = performance.now();
await loadPlanView(db, data.plan.id);
const readRef = performance.now() - readRef0;
line(`preview ${rowsTotal} sheets through the database command (fake-indexeddb)`, tPreview, 'reading the plan once (loadPlanView, which the preview does first)', readRef);
line(`apply ${applied.files} sheets, ${applied.written} reports in one transaction (fake-indexeddb)`, tApply, 'bulkPut of the same number of reports', putRef);
await db.delete();
