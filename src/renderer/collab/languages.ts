import { LANGUAGES, type Language } from '../../shared/host-api';

/** What the language picker shows for each language. */
const LABELS: Record<Language, string> = {
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  python: 'Python',
  go: 'Go',
  rust: 'Rust',
  c: 'C',
  cpp: 'C++',
  java: 'Java',
  shell: 'Bash',
  ruby: 'Ruby',
};

/** The language a new session starts in. */
export { DEFAULT_LANGUAGE } from '../../shared/protocol/collab/doc-layout';

/** The picker's label for a language. */
export function languageLabel(language: Language): string {
  return LABELS[language];
}

/** Monaco's language id; Duet's ids were chosen to match Monaco's. */
export function monacoLanguageId(language: Language): string {
  return language;
}

/** Narrows a value from the shared document (written by any peer) to a known language. */
export function asLanguage(value: unknown): Language | undefined {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : undefined;
}
