import { CliError, type CliIO } from './command';
import { COMMANDS } from './registry';

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    '任务分解台账 命令行工具',
    '',
    '用法: npm run -s cli -- <命令> [参数]',
    '',
    '命令:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    '每个命令加 --help 查看详细用法。',
  ].join('\n');
}

/** Run the CLI; returns the exit code. Errors become one line on stderr. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.err(`未知命令: ${name}（运行 --help 查看可用命令）`);
    return 2;
  }
  try {
    const command = await entry.load();
    if (rest.includes('--help')) {
      io.out(`用法: npm run -s cli -- ${command.usage}\n${command.summary}`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(e.message);
      return e.exitCode;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`出错: ${message.split('\n')[0]}`);
    return 1;
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('cli/main.ts');
if (isMain) {
  const code = await runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  });
  process.exitCode = code;
}
