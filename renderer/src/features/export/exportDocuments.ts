/**
 * What the export dialog can make, and how: each kind of document from the plan's records and the standings the
 * screens already hold, with the file name and type to offer. The documents themselves are built in shared/.
 */
import type { FileFilter } from '../../../../shared/platform/bridge';
import type { TaskStanding } from '../../../../shared/tracking/standing';
import { loadPlanRecords } from '../../../db/tracking';
import { getDatabase } from '../../../db/database';
import { buildLedgerXlsx, ledgerFileName, type LedgerScope, type OptionalLedgerColumn } from '../../../../shared/reports/ledger';
import { buildNoticeDocx, noticeFileName, type NoticeKind } from '../../../../shared/reports/docs/notice';
import { buildUrgeDocx, urgeFileName } from '../../../../shared/reports/docs/urge';
import { buildUnitReportDocx, unitReportFileName } from '../../../../shared/reports/docs/unitReport';
import { buildFormXlsx, formFileName } from '../../../../shared/forms/formSheet';

export type ExportRequest =
  | { kind: 'ledger'; scope: LedgerScope; columns: OptionalLedgerColumn[] }
  | { kind: 'notice'; period: string; noticeKind: NoticeKind }
  | { kind: 'urge'; period: string; unitId: string }
  | { kind: 'unit-report'; period: string; unitId: string }
  | { kind: 'form'; period: string; unitId: string };

export const EXPORT_KINDS: { value: ExportRequest['kind']; label: string }[] = [
  { value: 'ledger', label: '台账（Excel）' },
  { value: 'notice', label: '督办通报（Word）' },
  { value: 'urge', label: '催办通知单（Word）' },
  { value: 'unit-report', label: '进展情况报告（Word）' },
  { value: 'form', label: '填报表（Excel）' },
];

const EXCEL: FileFilter[] = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }];
const WORD: FileFilter[] = [{ name: 'Word 文档', extensions: ['docx'] }];

export interface ExportFile {
  bytes: Uint8Array;
  suggestedName: string;
  filters: FileFilter[];
  /** Chinese name of what was exported, for the message. */
  label: string;
}

/**
 * Build a document of a plan: its records read in full (the screens hold report heads only), with the standings the
 * screen shows, so the paper says what the screen says.
 */
export async function buildExport(planId: string, standings: Map<string, TaskStanding>, today: string, request: ExportRequest): Promise<ExportFile> {
  const view = await loadPlanRecords(getDatabase(), planId);
  const base = { ...view, today, standings };
  const unitName = (id: string) => view.units.find((u) => u.id === id)?.name ?? '';
  switch (request.kind) {
    case 'ledger':
      return {
        bytes: await buildLedgerXlsx({ ...base, scope: request.scope, columns: request.columns }),
        suggestedName: ledgerFileName(view.plan, request.scope, view.units, today),
        filters: EXCEL,
        label: '台账',
      };
    case 'notice':
      return {
        bytes: await buildNoticeDocx({ ...base, period: request.period, kind: request.noticeKind }),
        suggestedName: noticeFileName({ plan: view.plan, period: request.period, today }, request.noticeKind),
        filters: WORD,
        label: request.noticeKind === 'supervision' ? '督办通报' : '进展情况通报',
      };
    case 'urge':
      return {
        bytes: await buildUrgeDocx({ ...base, period: request.period, unitId: request.unitId }),
        suggestedName: urgeFileName({ today }, unitName(request.unitId)),
        filters: WORD,
        label: '催办通知单',
      };
    case 'unit-report':
      return {
        bytes: await buildUnitReportDocx({ ...base, period: request.period, unitId: request.unitId }),
        suggestedName: unitReportFileName({ period: request.period, today }, unitName(request.unitId)),
        filters: WORD,
        label: '进展情况报告',
      };
    case 'form': {
      const result = await buildFormXlsx({ ...view, today, period: request.period, unitId: request.unitId });
      return { bytes: result.bytes, suggestedName: formFileName(result.unitName, request.period), filters: EXCEL, label: '填报表' };
    }
  }
}
