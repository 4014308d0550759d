import type { StatedUnits } from '../model/roles';
import type { Deadline, LeadRule, Target } from '../model/schemas';
import type { ReaderWarningCode } from './document';

/** Where a task was read: the block (paragraph or table) it starts in, the table row, and the text as printed. */
export interface TaskSource {
  /** Index of the block in the extracted document (paragraphs and tables counted together). */
  block: number;
  /** Row index within the table, for a task read from a table row. */
  row?: number;
  /** The text the task was read from, as printed (a table row's cells joined by " | "). */
  text: string;
}

/**
 * The parser's contract (also the JSON printed by `cli parse --json`). Units are names here; the plan builder
 * turns them into unit records with stable ids.
 */
export interface ParsedTask {
  /** Number as printed, or "10-1"/"10-2" when one measure carries two assignment notes. */
  number: string;
  /** Section path from outermost to innermost, e.g. ["一、…", "(一)…"]. */
  section: string[];
  content: string;
  lead: string[];
  support: string[];
  implement: string[];
  deadline: Deadline | null;
  /** Quantitative targets the text states ("跟踪服务率应当达到100%"); absent when it states none. */
  targets?: Target[];
  /**
   * The units as the document states them: with their roles, or as one list whose roles the lead rule decides.
   * `lead`/`support`/`implement` above are `deriveRoles(units, result.leadRule)` (shared/model/roles.ts).
   */
  units?: StatedUnits;
  /** Where the task was read from, so that the original text can be shown beside the parse. */
  source?: TaskSource;
}

export type WarningCode =
  | 'numbering-gap'
  | 'section-from-body'
  | 'content-mismatch'
  | 'department-alias'
  | 'no-assignments'
  | 'duplicate-number'
  /** An assignment note of which only some units could be read. */
  | 'note-partly-read'
  /** The text ends in the middle of a task or unit (a page cut off): what is cut is left out. */
  | 'cut-off'
  /** From the file's reader: something it skipped or doubted (see `reader`). */
  | 'reader';

export interface ParseWarning {
  code: WarningCode;
  /** A sentence in Chinese for the user. */
  message: string;
  tasks?: string[];
  names?: string[];
  near?: string;
  /** For code 'reader': which kind of thing the reader skipped or doubted. */
  reader?: ReaderWarningCode;
}

export interface ReportingCadence {
  text: string;
  every: 'month' | 'quarter';
  day: number;
}

export interface ParseResult {
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  date: string | null;
  leadRule: LeadRule;
  /** The sentence in which the document states its lead rule ("排在第一位的部门为牵头部门"), if it states one. */
  leadRuleText?: string;
  reporting: ReportingCadence[];
  tasks: ParsedTask[];
  warnings: ParseWarning[];
}

/** Input to the parser: a file's bytes with its name, or pasted text. */
export type ParseInput = { name: string; bytes: Uint8Array } | { text: string };

/** A document the parser refuses. `message` is one line of Chinese for the user. */
export class DocumentRefusedError extends Error {
  override readonly name = 'DocumentRefusedError';
  constructor(
    message: string,
    readonly reason:
      | 'empty'
      | 'unknown-format'
      | 'encrypted'
      | 'damaged'
      | 'too-large'
      | 'hostile'
      | 'no-text',
  ) {
    super(message);
  }
}
