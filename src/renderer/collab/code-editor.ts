import * as monaco from 'monaco-editor';
import { MonacoBinding } from 'y-monaco';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Language } from '../../shared/host-api';
import type { CollabDoc } from './collab-doc';
import { monacoLanguageId } from './languages';
import { currentMonacoTheme, installMonacoEnvironment } from './monaco-environment';
import { monacoLanguages } from './monaco-languages';
import type { CursorPosition } from './presence';

/** The shared Monaco editor of a session. */
export interface CodeEditor {
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  /** Scrolls to a position and flashes it, e.g. to show where a participant is. */
  reveal(position: CursorPosition): void;
  focus(): void;
  dispose(): void;
}

/**
 * Creates Monaco in `container`, bound to the document's Y.Text 'code' with y-monaco
 * (remote edits, cursors and selections through `awareness`), following the shared
 * language.
 *
 * Undo/redo: Monaco's own undo stack would also revert other people's edits, so
 * Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z / Ctrl+Y go to a Y.UndoManager that tracks only
 * changes whose origin is this editor's binding, i.e. only what we typed.
 *
 * The model switches language only once that language's highlighting is loaded (through
 * `monacoLanguages`, which retries failures), so Monaco's own loader never meets a failed
 * fetch it would remember for good; until then the text shows plain.
 */
export function createCodeEditor(container: HTMLElement, collab: CollabDoc, awareness: Awareness): CodeEditor {
  installMonacoEnvironment();
  const model = monaco.editor.createModel('', 'plaintext');
  const editor = monaco.editor.create(container, {
    model,
    theme: currentMonacoTheme(),
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    // Room above line 1 for the name labels of remote cursors.
    padding: { top: 18 },
    scrollBeyondLastLine: false,
    ariaLabel: 'Code editor',
    tabSize: 2,
    fixedOverflowWidgets: true,
  });
  const binding = new MonacoBinding(collab.code, model, new Set([editor]), awareness);
  const undoManager = new Y.UndoManager(collab.code, { trackedOrigins: new Set([binding]) });

  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyZ, () => undoManager.undo());
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyZ, () => undoManager.redo());
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyY, () => undoManager.redo());

  let wanted: Language = collab.language;
  const setLanguage = (id: string) => {
    monaco.editor.setModelLanguage(model, id);
    dropStaleMarkers();
  };
  const dropStaleMarkers = () => {
    if (model.isDisposed()) return;
    const language = model.getLanguageId();
    const stale = new Set(monaco.editor.getModelMarkers({ resource: model.uri }).map((marker) => marker.owner));
    stale.delete(language);
    for (const owner of stale) monaco.editor.setModelMarkers(model, owner, []);
  };
  const show = (language: Language) => {
    if (language === wanted && !model.isDisposed()) setLanguage(monacoLanguageId(language));
  };
  const follow = (language: Language) => {
    wanted = language;
    if (monacoLanguages.isLoaded(language)) return show(language);
    void monacoLanguages.ensure(language).then((loaded) => {
      // Failed: plain text until a retry succeeds (offLoaded below) rather than the old language's colours.
      if (!loaded && language === wanted && !model.isDisposed()) setLanguage('plaintext');
    });
  };
  const offLoaded = monacoLanguages.onLoaded(show);
  follow(collab.language);
  const offLanguage = collab.onLanguage(follow);
  // Monaco's TypeScript checker leaves its markers behind when the model leaves JavaScript
  // (a joiner types in the default language until the document syncs), and can even finish
  // a check after that: red squiggles would then sit on Python code for good. Markers of a
  // language the model no longer has are dropped, on every language change and marker change.
  const offStaleMarkers = monaco.editor.onDidChangeMarkers((uris) => {
    if (uris.some((uri) => uri.toString() === model.uri.toString())) dropStaleMarkers();
  });

  let flash: monaco.editor.IEditorDecorationsCollection | undefined;
  let flashTimer: number | undefined;

  return {
    editor,
    reveal(position) {
      const lineNumber = Math.min(position.line, model.getLineCount());
      const column = Math.min(position.column, model.getLineMaxColumn(lineNumber));
      editor.revealPositionInCenterIfOutsideViewport({ lineNumber, column });
      flash?.clear();
      flash = editor.createDecorationsCollection([
        { range: new monaco.Range(lineNumber, 1, lineNumber, 1), options: { isWholeLine: true, className: 'duet-reveal-line' } },
      ]);
      window.clearTimeout(flashTimer);
      flashTimer = window.setTimeout(() => flash?.clear(), 1500);
    },
    focus() {
      editor.focus();
    },
    dispose() {
      window.clearTimeout(flashTimer);
      offLanguage();
      offLoaded();
      offStaleMarkers.dispose();
      undoManager.destroy();
      binding.destroy();
      editor.dispose();
      model.dispose();
    },
  };
}
