import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import TypeScriptWorker from 'monaco-editor/esm/vs/language/typescript/ts.worker.js?worker';
import { LANGUAGES } from '../../shared/host-api';
import { monacoLanguages, retryLanguagesWhenOnline } from './monaco-languages';

let installed = false;

/**
 * Tells Monaco how to start its web workers (bundled by Vite, same origin, so they load
 * under a strict CSP) and keeps its theme in step with the OS light/dark setting.
 * TypeScript and JavaScript get the TS worker, which powers IntelliSense.
 */
export function installMonacoEnvironment(): void {
  if (installed) return;
  installed = true;
  self.MonacoEnvironment = {
    getWorker(_workerId: string, label: string): Worker {
      if (label === 'typescript' || label === 'javascript') return new TypeScriptWorker();
      return new EditorWorker();
    },
  };
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const applyTheme = () => monaco.editor.setTheme(dark.matches ? 'vs-dark' : 'vs');
  dark.addEventListener('change', applyTheme);
  applyTheme();
  retryLanguagesWhenOnline();
  window.setTimeout(preloadLanguages, 1000);
}

/**
 * The ten languages are small: fetch them all while we are online, so a guest whose
 * network drops before someone picks Rust still gets highlighting. A failure here is
 * retried by `monacoLanguages` (on its own, when the network is back, or when the
 * language is picked), never remembered as final the way Monaco's own loader does.
 */
function preloadLanguages(): void {
  for (const language of LANGUAGES) void monacoLanguages.ensure(language);
}

/** Monaco's theme for the current OS setting. */
export function currentMonacoTheme(): string {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'vs-dark' : 'vs';
}
