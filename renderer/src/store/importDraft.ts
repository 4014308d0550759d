import { create } from 'zustand';
import type { LeadRule } from '../../../shared/model';
import { sha256Hex } from '../../../shared/model';
import { DocumentRefusedError, type ParseInput, type ParseWarning } from '../../../shared/parser/types';
import { ParseCancelledError } from '../../../shared/parser/job';
import { parseInWorker, type ParseProgress, type ParseRun } from '../workers/parseClient';
import { safeName } from '../../../shared/text/safeName';
import type { SavedImportDraft } from '../../db/importDrafts';
import { applyLeadRule, emptyRow, metaFromParse, renameUnit, rowsFromParse, type DraftMeta, type DraftRow } from '../../../shared/tracking/importDraft';

export type ImportStep = 'source' | 'review';

interface ImportState {
  step: ImportStep;
  parsing: boolean;
  /** How far the running parse is (stage; pages for a PDF); null when none runs. */
  progress: ParseProgress | null;
  /** When the running parse began (ms since epoch), for the elapsed time shown. */
  parseStartedAt: number | null;
  /** A refusal or failure to show on the source step. */
  error: string | null;
  source: { name: string; sha256: string } | null;
  meta: DraftMeta;
  rows: DraftRow[];
  warnings: ParseWarning[];
  /** Warnings the user has dealt with (merged aliases, or marked 已核对). */
  resolved: Set<number>;
  /** Rows without a lead the user accepted as 未明确牵头单位 (by row key). */
  acceptedNoLead: Set<string>;
  /** The row the user jumped to from a warning. */
  focusKey: string | null;
  activeWarning: number | null;

  parse(input: ParseInput, displayName: string): Promise<void>;
  /** Stop the running parse (the importer's worker is terminated at once). */
  cancelParse(): void;
  setMeta(patch: Partial<DraftMeta>): void;
  updateRow(key: string, patch: Partial<DraftRow>): void;
  removeRow(key: string): void;
  addRow(): string;
  setLeadRule(rule: LeadRule): void;
  mergeUnit(from: string, to: string, warningIndex?: number): void;
  focus(key: string | null, warningIndex?: number | null): void;
  /** Mark a warning 已核对. */
  resolveWarning(index: number): void;
  /** Accept rows that have no lead unit (they are saved as 未明确牵头单位). */
  acceptNoLead(keys: readonly string[]): void;
  /** Bring back a draft kept in the database (after a reload). */
  restore(saved: SavedImportDraft): void;
  reset(): void;
}

const EMPTY_META: DraftMeta = { title: '', docNumber: '', issuer: '', date: '', leadRule: 'columns', cadenceEvery: 'quarter', cadenceDay: 20 };

/** Unit names typed in the review: invisible direction and zero-width characters removed (shared safeName). */
function safeUnits(patch: Partial<DraftRow>): Partial<DraftRow> {
  const out: Record<string, unknown> = { ...patch };
  for (const role of ['lead', 'support', 'implement'] as const) {
    const names = (patch as Record<string, unknown>)[role];
    if (Array.isArray(names)) out[role] = names.map((n) => (typeof n === 'string' ? safeName(n) : n));
  }
  return out as Partial<DraftRow>;
}

/** The parse in flight, to cancel it. */
let running: ParseRun | null = null;

/** A failure that is not the file's fault: a bug in the importer, said as such (never "文件已损坏"). */
const IMPORTER_BUG = '读取该文件时程序出错（这是软件的问题，不是文件的问题），请把文件发给技术支持；也可以先复制文件文字后粘贴导入';

type DraftData = Omit<ImportState, { [K in keyof ImportState]: ImportState[K] extends (...args: never[]) => unknown ? K : never }[keyof ImportState]>;

/** No draft: the source step, nothing parsed (fresh sets each time: the store's sets are replaced, never shared). */
function noDraft(): DraftData {
  return {
    step: 'source',
    parsing: false,
    progress: null,
    parseStartedAt: null,
    error: null,
    source: null,
    meta: EMPTY_META,
    rows: [],
    warnings: [],
    resolved: new Set(),
    acceptedNoLead: new Set(),
    focusKey: null,
    activeWarning: null,
  };
}

export const useImportDraft = create<ImportState>()((set, get) => ({
  ...noDraft(),

  async parse(input, displayName) {
    running?.cancel();
    set({ parsing: true, error: null, progress: { stage: 'reading' }, parseStartedAt: Date.now() });
    try {
      const bytes = 'bytes' in input ? input.bytes : null;
      if (bytes && bytes.byteLength === 0) throw new DocumentRefusedError('文件是空的，请检查后重新选择', 'empty');
      if (!bytes && !('text' in input && input.text.trim())) throw new DocumentRefusedError('请先粘贴文件内容', 'empty');
      // Read and parsed in the importer's Web Worker: the window stays responsive, the user can cancel.
      const run = parseInWorker(input, { onProgress: (progress) => running === run && set({ progress }) });
      running = run;
      const result = await run.result.finally(() => {
        if (running === run) running = null;
      });
      if (result.tasks.length === 0 && result.warnings.length === 0)
        throw new DocumentRefusedError('没有在文件中找到任务，请确认文件包含任务分解表或编号的工作任务', 'no-text');
      const sha = sha256Hex(bytes ?? ('text' in input ? input.text : ''));
      const fallbackTitle = displayName.replace(/\.[^.]+$/, '');
      set({
        step: 'review',
        source: { name: displayName, sha256: sha },
        meta: metaFromParse(result, fallbackTitle),
        rows: rowsFromParse(result),
        warnings: result.warnings,
        resolved: new Set(),
        acceptedNoLead: new Set(),
        focusKey: null,
        activeWarning: null,
      });
    } catch (e) {
      if (e instanceof ParseCancelledError) return;
      set({ error: e instanceof DocumentRefusedError ? e.message : IMPORTER_BUG });
      if (!(e instanceof DocumentRefusedError)) console.warn('import failed', e);
    } finally {
      if (!running) set({ parsing: false, progress: null, parseStartedAt: null });
    }
  },
  cancelParse() {
    running?.cancel();
    running = null;
    set({ parsing: false, progress: null, parseStartedAt: null });
  },
  setMeta: (patch) => set((s) => ({ meta: { ...s.meta, ...patch } })),
  updateRow: (key, patch) => set((s) => ({ rows: s.rows.map((r) => (r.key === key ? { ...r, ...safeUnits(patch) } : r)) })),
  removeRow: (key) => set((s) => ({ rows: s.rows.filter((r) => r.key !== key) })),
  addRow() {
    const row = emptyRow(get().rows);
    set((s) => ({ rows: [...s.rows, row], focusKey: row.key }));
    return row.key;
  },
  setLeadRule: (rule) => set((s) => ({ rows: applyLeadRule(s.rows, rule), meta: { ...s.meta, leadRule: rule } })),
  mergeUnit: (from, to, warningIndex) =>
    set((s) => {
      const resolved = new Set(s.resolved);
      if (warningIndex !== undefined) resolved.add(warningIndex);
      return { rows: renameUnit(s.rows, from, safeName(to)), resolved };
    }),
  focus: (focusKey, warningIndex = null) => set({ focusKey, activeWarning: warningIndex }),
  resolveWarning: (index) => set((s) => ({ resolved: new Set([...s.resolved, index]) })),
  acceptNoLead: (keys) => set((s) => ({ acceptedNoLead: new Set([...s.acceptedNoLead, ...keys]) })),
  restore: (saved) =>
    set({
      ...noDraft(),
      step: 'review',
      source: saved.source,
      meta: saved.meta,
      rows: saved.rows,
      warnings: saved.warnings,
      resolved: new Set(saved.resolved),
      acceptedNoLead: new Set(saved.acceptedNoLead),
    }),
  reset: () => set(noDraft()),
}));
