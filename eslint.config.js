// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/**
 * The layering table of ARCHITECTURE.md, enforced: each folder lists what it must not
 * import. A wrong import fails `npm run lint` (and so `npm test`).
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const folders = {
  shared: ['**/host/**', '**/main/**', '**/preload/**', '**/renderer/**', '**/web/**', '**/relay/**'],
  host: ['**/main/**', '**/preload/**', '**/renderer/**', '**/web/**', '**/relay/**'],
  main: ['**/preload/**', '**/renderer/**', '**/web/**', '**/relay/**'],
  preload: ['**/host/**', '**/main/**', '**/renderer/**', '**/web/**', '**/relay/**'],
  renderer: ['**/host/**', '**/main/**', '**/preload/**', '**/web/**', '**/relay/**'],
  web: ['**/main/**', '**/preload/**', '**/renderer/**', '**/relay/**'],
  relay: ['**/host/**', '**/main/**', '**/preload/**', '**/renderer/**', '**/web/**'],
};
const uiLibraries = ['monaco-editor', 'monaco-editor/**', '@xterm/xterm', '@xterm/addon-fit', 'y-monaco'];

/** @param {string} folder @param {string[]} paths @param {string[]} packages */
function layer(folder, paths, packages) {
  return {
    files: [`${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: packages.filter((p) => !p.includes('*')).map((name) => ({
            name,
            message: `${folder} may not import ${name} (see the layering table in ARCHITECTURE.md)`,
          })),
          patterns: [
            {
              group: [...paths, ...packages.filter((p) => p.includes('*'))],
              message: `${folder} may not import this layer (see the layering table in ARCHITECTURE.md)`,
            },
          ],
        },
      ],
    },
  };
}

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
  layer('src/shared', folders.shared, [...nodeBuiltins, 'electron', 'node-pty', 'ws', ...uiLibraries, '@xterm/headless']),
  layer('src/host', folders.host, ['electron', ...uiLibraries]),
  layer('src/main', folders.main, [...uiLibraries]),
  layer('src/preload', folders.preload, [...nodeBuiltins.filter((m) => !['events', 'node:events'].includes(m)), 'node-pty', 'ws', ...uiLibraries]),
  layer('src/renderer', folders.renderer, [...nodeBuiltins, 'electron', 'node-pty', 'ws', '@xterm/headless']),
  layer('src/web', folders.web, ['electron', ...uiLibraries]),
  // The relay is content-agnostic: it must never decode documents or terminal bytes.
  layer('relay', folders.relay, ['electron', 'node-pty', 'yjs', 'y-protocols', 'y-protocols/**', '@xterm/headless', ...uiLibraries]),
);
