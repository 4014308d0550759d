import { readFileSync } from 'node:fs';
import type { Command } from '../command';

export const versionCommand: Command = {
  name: 'version',
  summary: '显示版本号',
  usage: 'version',
  async run(_args, io) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    io.out(pkg.version);
    return 0;
  },
};
