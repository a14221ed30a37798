import type { Language } from '../../shared/host-api';
import { withLanguage } from '../../shared/protocol/collab/workspace-paths';
import type { OpenFile } from './open-file';
import type { SharedWorkspace } from './shared-workspace';

/** A language someone can read and change: what the language picker works on. */
export interface LanguageChoice {
  /** The language now; undefined for a file in none (plain text) or no file. */
  current(): Language | undefined;
  choose(language: Language): void;
  onChange(listener: () => void): () => void;
}

/**
 * The open file's language, which is its extension: choosing another renames the file for
 * everyone (`main.js` → `main.py`), so the language of a file is the same for every member
 * and Run knows the language of the entry file from its name alone.
 */
export function openFileLanguage(workspace: SharedWorkspace, openFile: OpenFile, onProblem: (message: string) => void): LanguageChoice {
  return {
    current: () => openFile.current()?.language,
    choose(language) {
      const file = openFile.current();
      if (!file || file.language === language) return;
      const result = workspace.rename(file.id, withLanguage(file.path, language));
      if (!result.ok) onProblem(`Cannot change the language: ${result.problem}`);
    },
    onChange: (listener) => openFile.onChange(listener),
  };
}
