/**
 * Monaco's Monarch language definitions (`monaco-editor/esm/vs/languages/definitions/<id>/<id>.js`,
 * reached through the Vite alias), which ship without type declarations.
 */
declare module 'monaco-editor/esm/vs/languages/definitions/*' {
  import type { languages } from 'monaco-editor';
  export const language: languages.IMonarchLanguage;
  export const conf: languages.LanguageConfiguration;
}

/** Monaco's TypeScript language service glue, imported only to have it loaded. */
declare module 'monaco-editor/esm/vs/languages/features/typescript/tsMode.js';
