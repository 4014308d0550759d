import type { Deadline, LeadRule, Target } from '../model/schemas';

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
}

export type WarningCode =
  | 'numbering-gap'
  | 'section-from-body'
  | 'content-mismatch'
  | 'department-alias'
  | 'no-assignments'
  | 'duplicate-number';

export interface ParseWarning {
  code: WarningCode;
  /** A sentence in Chinese for the user. */
  message: string;
  tasks?: string[];
  names?: string[];
  near?: string;
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
