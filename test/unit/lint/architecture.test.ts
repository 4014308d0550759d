import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The architecture rules of eslint.config.js, checked on code written to break them. */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('shared/ stays pure domain code', () => {
  it.each([
    ["import Dexie from 'dexie';", 'dexie'],
    ["import { app } from 'electron';", 'electron'],
    ["import { readFileSync } from 'node:fs';", 'node built-in'],
    ["import { join } from 'path';", 'bare node built-in'],
    ["import { useState } from 'react';", 'react'],
    ["import { getDatabase } from '../../renderer/db/database';", 'another top-level folder'],
  ])('refuses %s (%s)', async (code) => {
    expect(await ruleIds(code, 'shared/model/example.ts')).toContain('no-restricted-imports');
  });

  it('refuses host globals', async () => {
    expect(await ruleIds('export const w = window.innerWidth;', 'shared/model/example.ts')).toContain('no-restricted-globals');
  });

  it('allows pure libraries and its own modules', async () => {
    expect(await ruleIds("import { z } from 'zod';\nimport { parseDeadline } from '../parser/core/deadline';\nexport const s = z.string();\nexport { parseDeadline };", 'shared/model/example.ts')).toEqual([]);
  });

  it('lets the renderer import Dexie', async () => {
    expect(await ruleIds("import Dexie from 'dexie';\nexport { Dexie };", 'renderer/db/example.ts')).toEqual([]);
  });
});

describe('import cycles', () => {
  it('are refused', async () => {
    const dir = mkdtempSync(join(process.cwd(), 'shared', '.lint-cycle-'));
    try {
      writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
      writeFileSync(join(dir, 'b.ts'), "import { a } from './a';\nexport const b = () => a;\n");
      const [result] = await eslint.lintFiles([join(dir, 'a.ts')]);
      expect(result!.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the whole project', () => {
  it('has no lint errors (no import cycles, shared/ pure)', async () => {
    const results = await eslint.lintFiles(['shared', 'renderer', 'electron', 'cli']);
    const errors = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(errors).toEqual([]);
  }, 120_000);
});
