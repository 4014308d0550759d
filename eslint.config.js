// Lint rules that keep the architecture honest (run by `npm test` and `npm run lint`):
//  - shared/ is pure domain code: it runs in Node, in the browser and in a worker, so it may not import
//    the DOM's or Node's or Electron's APIs, Dexie, React or UI libraries, nor any other top-level folder;
//  - no import cycles anywhere in the project's own code.
// Style is left to the editor; only these structural rules are enforced.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const sharedForbidden = {
  paths: ['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'stream', 'buffer', 'util', 'events', 'url', 'zlib', 'http', 'https', 'net'].map(
    (name) => ({ name, message: 'shared/ 是纯领域代码：不得使用 Node 内置模块 (pure domain code: no Node built-ins).' }),
  ),
  patterns: [
    { group: ['node:*'], message: 'shared/ may not import Node built-ins.' },
    { group: ['dexie', 'dexie-*', 'dexie/*'], message: 'shared/ may not import Dexie: database access lives in renderer/db.' },
    { group: ['electron', 'electron/*'], message: 'shared/ may not import Electron: the host is reached through shared/platform/bridge.ts.' },
    { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'antd', 'antd/*', '@ant-design/*', 'zustand', 'zustand/*', 'echarts', 'echarts/*', '@tanstack/*'], message: 'shared/ may not import UI libraries.' },
    { group: ['**/renderer/**', '**/electron/**', '**/cli/**', '**/test/**', '**/scripts/**'], message: 'shared/ may not import from other top-level folders.' },
  ],
};

export default [
  { ignores: ['node_modules/**', 'dist/**', 'release/**', '.cache/**', 'test/fixtures/**', '**/*.d.ts'] },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts', '.cts'] },
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', sharedForbidden],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'process', 'require', 'Buffer', '__dirname'].map((name) => ({
          name,
          message: 'shared/ runs in Node, the browser and workers: no host globals (use shared/platform or pass values in).',
        })),
      ],
    },
  },
];
