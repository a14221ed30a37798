import * as monaco from 'monaco-editor';
import type { Language } from '../../shared/host-api';
import { LanguageLoader } from './language-loader';
import { monacoLanguageId } from './languages';

interface LanguageDefinition {
  language: monaco.languages.IMonarchLanguage;
  conf: monaco.languages.LanguageConfiguration;
}

/**
 * Each language's Monarch definition: the very modules Monaco's own lazy loader imports,
 * so Vite puts both in one chunk and a success here is a success there too.
 */
const DEFINITIONS: Record<Language, () => Promise<LanguageDefinition>> = {
  javascript: () => withLanguageService(import('monaco-editor/esm/vs/languages/definitions/javascript/javascript.js')),
  typescript: () => withLanguageService(import('monaco-editor/esm/vs/languages/definitions/typescript/typescript.js')),
  python: () => import('monaco-editor/esm/vs/languages/definitions/python/python.js'),
  go: () => import('monaco-editor/esm/vs/languages/definitions/go/go.js'),
  rust: () => import('monaco-editor/esm/vs/languages/definitions/rust/rust.js'),
  c: () => import('monaco-editor/esm/vs/languages/definitions/cpp/cpp.js'),
  cpp: () => import('monaco-editor/esm/vs/languages/definitions/cpp/cpp.js'),
  java: () => import('monaco-editor/esm/vs/languages/definitions/java/java.js'),
  shell: () => import('monaco-editor/esm/vs/languages/definitions/shell/shell.js'),
  ruby: () => import('monaco-editor/esm/vs/languages/definitions/ruby/ruby.js'),
};

/**
 * JavaScript and TypeScript also need Monaco's TypeScript service module, which Monaco
 * imports once, when a model first takes the language, and never again if that fails
 * (no IntelliSense for the session). Fetched here first, Monaco's import cannot fail.
 */
async function withLanguageService(definition: Promise<LanguageDefinition>): Promise<LanguageDefinition> {
  const [loaded] = await Promise.all([definition, import('monaco-editor/esm/vs/languages/features/typescript/tsMode.js')]);
  return loaded;
}

/**
 * Fetches a language's definition and installs its tokenizer and editing rules directly,
 * so highlighting works even when Monaco's own loader for it failed once and gave up.
 */
async function installLanguage(language: Language): Promise<void> {
  const definition = await DEFINITIONS[language]();
  const id = monacoLanguageId(language);
  monaco.languages.setMonarchTokensProvider(id, definition.language);
  monaco.languages.setLanguageConfiguration(id, definition.conf);
}

/** The app's one loader of Monaco highlighting; failed languages are retried, never cached as failed. */
export const monacoLanguages = new LanguageLoader({ load: installLanguage });

let watching = false;

/** Retries failed languages whenever the browser says the network is back. */
export function retryLanguagesWhenOnline(): void {
  if (watching) return;
  watching = true;
  window.addEventListener('online', () => monacoLanguages.retryFailed());
}
