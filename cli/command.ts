/** A CLI command. Commands live in cli/commands/, one file each, and are listed in cli/registry.ts. */
export interface Command {
  name: string;
  /** One line in Chinese for `--help`. */
  summary: string;
  usage: string;
  /** Returns the exit code. Throw CliError for a refusal with a one-line message. */
  run(args: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/** A refusal the user can act on: printed as one line on stderr, never as a stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Split argv into positionals and `--flag` / `--key value` / `-o value` options. */
export function parseArgs(
  args: string[],
  valued: readonly string[] = [],
): { positional: string[]; flags: Set<string>; values: Map<string, string[]> } {
  const positional: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('-') && arg !== '-') {
      if (valued.includes(arg)) {
        const value = args[++i];
        if (value === undefined) throw new CliError(`选项 ${arg} 需要一个值`, 2);
        values.set(arg, [...(values.get(arg) ?? []), value]);
      } else flags.add(arg);
    } else positional.push(arg);
  }
  return { positional, flags, values };
}
