// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layering from './eslint/layering.js';

/**
 * The layering table of ARCHITECTURE.md, enforced: each row lists everything its folder may
 * import (its own folder always); anything else fails `npm run lint` (and so `npm test`). The
 * package lists are what each folder imports today, plus what the table names; widen a row
 * only together with the table. test/lint/layering.test.ts plants violations against it.
 * @type {import('./eslint/layering.js').Row[]}
 */
const rows = [
  // Pure: the wire protocol and contracts run in every runtime, so no Node, DOM or logging.
  { folder: 'src/shared', packages: ['zod'] },
  { folder: 'src/host', folders: ['src/shared'], node: true, packages: ['node-pty', '@xterm/headless', '@xterm/addon-serialize'] },
  { folder: 'src/main', folders: ['src/shared', 'src/host'], node: true, packages: ['electron'] },
  // The sandboxed preload gets `electron`'s renderer half and nothing from node_modules.
  { folder: 'src/preload', folders: ['src/shared'], packages: ['electron'] },
  {
    folder: 'src/renderer',
    folders: ['src/shared'],
    packages: ['monaco-editor', '@xterm/xterm', '@xterm/addon-fit', 'yjs', 'y-monaco', 'y-protocols', 'lib0'],
  },
  { folder: 'src/web', folders: ['src/shared', 'src/host'], node: true, packages: ['ws', 'commander', 'serve-static'] },
  // Content-agnostic: nothing that could decode a document (yjs, y-protocols, lib0) or a
  // terminal (@xterm). redis/@redis/client are the bus between relay nodes.
  {
    folder: 'relay',
    folders: ['src/shared'],
    node: true,
    packages: ['ws', 'pino', 'prom-client', 'zod', 'commander', 'serve-static', 'redis', '@redis/client'],
  },
  {
    folder: 'bench',
    folders: ['relay', 'src/shared'],
    node: true,
    // esbuild compiles the baselines to JavaScript, vite builds the baseline page, serve-static serves it.
    packages: ['ws', 'commander', 'socket.io', 'socket.io-client', 'hdr-histogram-js', 'playwright-core', '@playwright/test', 'esbuild', 'vite', 'serve-static'],
  },
  // The browser baseline page of benchmark 5: browser code, Monaco and xterm only.
  { folder: 'bench/pages', packages: ['monaco-editor', '@xterm/xterm'] },
  { folder: 'scripts', node: true },
  { folder: 'test', anything: true },
  // Tooling: the root's config files and this rule.
  { folder: '.', anything: true },
  { folder: 'eslint', anything: true },
];
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
    plugins: { duet: layering },
    rules: { 'duet/layering': ['error', { root: import.meta.dirname, rows }] },
  },
);
