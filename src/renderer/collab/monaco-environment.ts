import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import TypeScriptWorker from 'monaco-editor/esm/vs/language/typescript/ts.worker.js?worker';
import { LANGUAGES } from '../../shared/host-api';
import { monacoLanguageId } from './languages';

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
  window.setTimeout(preloadLanguages, 1000);
}

/**
 * Monaco fetches each language's tokenizer on first use and never retries a failed
 * fetch: a guest whose network drops before someone picks Rust would get no highlighting
 * for the rest of the session. The ten are small, so fetch them all while we are online.
 */
function preloadLanguages(): void {
  for (const language of LANGUAGES) {
    monaco.editor.colorize('', monacoLanguageId(language), {}).catch((error: unknown) => {
      console.warn(`duet: could not load ${language} highlighting`, error);
    });
  }
}

/** Monaco's theme for the current OS setting. */
export function currentMonacoTheme(): string {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'vs-dark' : 'vs';
}
