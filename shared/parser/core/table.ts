import type { StatedUnits } from '../../model/roles';
import type { Deadline } from '../../model/schemas';
import type { TableBlock } from '../document';
import type { TaskSource } from '../types';
import { parseAssignment } from './assignment';
import { parseDeadline } from './deadline';
import { mergeHeaders, readHeader, settleRoles, type ColumnRole } from './header';
import { readMarker } from './numbering';
import { cellLines, dedupe, splitUnits, trimEndOf } from './units';

/** One task read from a task table, before document-level checks. */
export interface TableTask {
  number: string;
  section: string[];
  /** Per section-column value: true when the row's own cell was empty or merged (value carried from above). */
  sectionCarried: boolean[];
  /** Values of the section columns alone (without spanning section rows). */
  sectionColumns: string[];
  /** Section rows spanning the table above this row, outermost first. */
  spanning: string[];
  content: string;
  /** The row's units as the table states them (roles derived for the whole document later). */
  units: StatedUnits;
  deadline: Deadline | null;
  /** Row index within the table (the block is set by the caller). */
  row: number;
  source?: TaskSource;
}

export interface TableResult {
  tasks: TableTask[];
  roles: ColumnRole[];
  usesListedColumn: boolean;
}

const clean = (s: string | undefined): string => (s ?? '').replace(/\u00a0|\u3000/g, ' ').trim();

/** Content text: lines of one cell joined (Chinese text wraps without spaces). */
function cellText(s: string | undefined): string {
  return cellLines(clean(s)).join('');
}

function numberLabel(s: string): string {
  const n = clean(s)
    .replace(/\s+/g, '')
    .replace(/^(\d+)\.0+$/, '$1');
  return trimEndOf(n, '.．、。');
}

function findHeader(table: TableBlock): { roles: ColumnRole[]; dataStart: number } | null {
  const limit = Math.min(table.rows.length, 6);
  for (let r = 0; r < limit; r++) {
    const top = readHeader(table.rows[r]!.map(clean));
    if (!top) continue;
    let roles = top;
    let dataStart = r + 1;
    const next = table.rows[r + 1];
    if (next) {
      const merged = mergeHeaders(top, next.map(clean));
      if (merged) {
        roles = merged;
        dataStart = r + 2;
      }
    }
    return { roles: settleRoles(roles), dataStart };
  }
  return null;
}

/** True when a table looks like a task table (has a recognisable header). */
export function isTaskTable(table: TableBlock): boolean {
  return findHeader(table) !== null;
}

interface SectionRow {
  key: string;
  text: string;
}

/**
 * Interpret a task table: header synonyms → column roles; spanning rows → section levels; section columns
 * (merged or left empty under a merged cell) → section path; unit cells → lead/support/implement.
 * Real tables from .docx/.xlsx/.pdf/.html and tables rebuilt from flattened text go through here alike.
 */
export function interpretTable(table: TableBlock, ruleStated = false): TableResult | null {
  const header = findHeader(table);
  if (!header) return null;
  const { roles, dataStart } = header;
  const col = (role: ColumnRole) => roles.map((r, i) => (r === role ? i : -1)).filter((i) => i >= 0);
  const numberCol = col('number')[0];
  const sectionCols = col('section');
  const contentCols = col('content');
  const leadCols = col('lead');
  const supportCols = col('support');
  const listedCols = col('listed');
  const implementCols = col('implement');
  const deadlineCols = col('deadline');

  const tasks: TableTask[] = [];
  const carried: string[] = sectionCols.map(() => '');
  let lastLeadCell = '';
  const spanning: SectionRow[] = [];
  let autoNumber = 0;
  const usedNumbers = new Set<string>();

  for (let r = dataStart; r < table.rows.length; r++) {
    const row = table.rows[r]!;
    const merged = table.merged?.[r];
    const cell = (c: number | undefined): string => (c === undefined ? '' : clean(row[c]));
    const isMerged = (c: number): boolean => merged?.[c] === true;
    const nonEmpty = row.map(clean).filter(Boolean);
    if (nonEmpty.length === 0) continue;

    // A repeated header row (tables split across pages repeat it).
    if (readHeader(row.map(clean))) continue;

    const distinct = new Set(nonEmpty);
    const contentText = contentCols.map((c) => cellText(row[c])).filter(Boolean).join('');
    const numberText = numberCol !== undefined ? numberLabel(cell(numberCol)) : '';

    // A row spanning the table (one text, merged across or alone in a row): a section heading.
    if (distinct.size === 1 && row.length > 2) {
      const text = nonEmpty[0]!;
      const onlyInContent = contentCols.some((c) => cell(c) === text) && nonEmpty.length === 1 && !readMarker(text);
      const spansAll = nonEmpty.length >= Math.max(2, Math.ceil(row.length / 2));
      const alone = nonEmpty.length === 1 && !onlyInContent && !/^\d+$/.test(text);
      if ((spansAll || alone) && !/^\d+[.．、]?$/.test(text) && text.length <= 80) {
        const marker = readMarker(text);
        const key = marker ? marker.style : 'plain';
        const at = spanning.findIndex((s) => s.key === key);
        if (at >= 0) spanning.splice(at);
        spanning.push({ key, text });
        for (let i = 0; i < carried.length; i++) carried[i] = '';
        continue;
      }
      if (onlyInContent && tasks.length && !numberText) {
        // A row continuing the previous task's content (a row split across pages).
        const prev = tasks[tasks.length - 1]!;
        prev.content += text;
        continue;
      }
    }

    // Same task continued on the next row: its number cell is merged from above.
    const prev = tasks[tasks.length - 1];
    if (prev && numberCol !== undefined && isMerged(numberCol) && numberText === prev.number) {
      if (contentText && !prev.content.includes(contentText)) prev.content += contentText;
      mergeUnits(prev.units, unitsOf());
      continue;
    }
    if (!contentText && !numberText) continue;

    // No number where the table has numbers: a row continuing the task above (no lead of its own), or a
    // sub-item of it ("3-1") when it names its own lead.
    let subNumber: string | null = null;
    if (prev && numberCol !== undefined && !numberText && !isMerged(numberCol) && /\S/.test(prev.number)) {
      const ownLead = [...leadCols, ...listedCols].some((c) => cell(c));
      if (!ownLead) {
        if (contentText && !prev.content.endsWith(contentText)) prev.content += contentText;
        const more = unitsOf(false);
        mergeUnits(prev.units, { ...more, lead: [], listed: [] });
        continue;
      }
      const base = prev.number.replace(/-\d+$/, '');
      let k = 1;
      while (usedNumbers.has(`${base}-${k}`)) k++;
      subNumber = `${base}-${k}`;
    }

    const sectionCarried: boolean[] = [];
    const sectionColumns: string[] = [];
    sectionCols.forEach((c, i) => {
      const own = cell(c);
      if (own && !isMerged(c)) {
        if (own !== carried[i]) for (let j = i + 1; j < carried.length; j++) carried[j] = '';
        carried[i] = own;
        sectionCarried.push(false);
      } else {
        if (own) carried[i] = own;
        sectionCarried.push(true);
      }
      sectionColumns.push(carried[i] ?? '');
    });

    let number = subNumber ?? numberText;
    if (!number) number = String(++autoNumber);
    else if (/^\d+$/.test(number)) autoNumber = Number(number);

    usedNumbers.add(number);
    const units = unitsOf();
    const deadlineText = deadlineCols.map((c) => cell(c)).filter(Boolean).join('；');
    tasks.push({
      number,
      section: [...spanning.map((s) => s.text), ...sectionColumns.filter(Boolean)],
      sectionCarried,
      sectionColumns,
      spanning: spanning.map((s) => s.text),
      content: contentText,
      units,
      deadline: deadlineText ? parseDeadline(deadlineText) : null,
      row: r,
    });

    function unitsOf(carryLead = true): StatedUnits {
      const lead: string[] = [];
      const support: string[] = [];
      const implement: string[] = [];
      const listed: string[] = [];
      let leadCell = leadCols.map((c) => cell(c)).filter(Boolean).join('、');
      const listedCell = listedCols.map((c) => cell(c)).filter(Boolean).join('、');
      if (carryLead && !leadCell && !listedCell && leadCols.length && lastLeadCell) leadCell = lastLeadCell;
      if (leadCell) lastLeadCell = leadCell;
      lead.push(...splitUnits(leadCell));
      for (const c of supportCols) {
        const text = cell(c);
        // A support cell covered by a horizontal merge from the lead cell repeats the lead: not support.
        if (!text || (isMerged(c) && leadCols.some((l) => cell(l) === text))) continue;
        support.push(...splitUnits(text));
      }
      for (const c of implementCols) implement.push(...splitUnits(cell(c)));
      if (listedCell) {
        const a = parseAssignment(listedCell, { fallback: 'listed', ruleStated, trustNames: true });
        lead.push(...a.lead);
        support.push(...a.support);
        implement.push(...a.implement);
        listed.push(...a.listed);
      }
      const l = dedupe(lead);
      const li = dedupe(listed).filter((u) => !l.includes(u));
      return {
        lead: l,
        listed: li,
        support: dedupe(support).filter((u) => !l.includes(u) && !li.includes(u)),
        implement: dedupe(implement).filter((u) => !l.includes(u)),
      };
    }
  }
  return { tasks, roles, usesListedColumn: listedCols.length > 0 };
}

/** Add a continuation row's units to its task's. */
function mergeUnits(into: StatedUnits, more: StatedUnits): void {
  into.lead = dedupe([...into.lead, ...more.lead]);
  into.listed = dedupe([...into.listed, ...more.listed]).filter((u) => !into.lead.includes(u));
  into.support = dedupe([...into.support, ...more.support]).filter((u) => !into.lead.includes(u) && !into.listed.includes(u));
  into.implement = dedupe([...into.implement, ...more.implement]);
}
