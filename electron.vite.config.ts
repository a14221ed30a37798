import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;
const monacoEsm = resolve(root, 'node_modules/monaco-editor/esm/vs');

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The relay is a separate entry, started as a child process for the embedded default.
        input: { index: resolve(root, 'src/main/index.ts'), relay: resolve(root, 'relay/cli.ts') },
      },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads cannot require() from node_modules: bundle everything into one file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: { input: { index: resolve(root, 'src/preload/index.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    base: './',
    resolve: {
      // y-monaco imports monaco-editor/esm/vs/...; since 0.56 the package maps those paths elsewhere.
      alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: `${monacoEsm}/$1` }],
    },
    build: {
      minify: true,
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
    worker: { format: 'es' },
  },
});
