import * as monaco from 'monaco-editor';
import { MonacoBinding } from 'y-monaco';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Language } from '../../shared/host-api';
import { DisposableStore } from '../../shared/lifecycle';
import type { OpenFile } from '../workspace/open-file';
import { guardPasteLimits } from '../workspace/paste-limit';
import type { SharedWorkspace, WorkspaceFile } from '../workspace/shared-workspace';
import { monacoLanguageId } from './languages';
import { currentMonacoTheme, installMonacoEnvironment } from './monaco-environment';
import { monacoLanguages } from './monaco-languages';
import type { CursorPosition } from './presence';

/** The shared Monaco editor of a session. */
export interface CodeEditor {
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  /** Opens the position's file, scrolls to the position and flashes it, e.g. to show where a participant is. */
  reveal(position: CursorPosition): void;
  focus(): void;
  dispose(): void;
}

export interface CodeEditorOptions {
  workspace: SharedWorkspace;
  /** Which file the editor shows; the editor follows it. */
  openFile: OpenFile;
  awareness: Awareness;
  /** Tells the person why an edit was refused (a paste over a limit). */
  onProblem(message: string): void;
}

/** What the editor shows now: one file's model, bound to its Y.Text. */
interface Shown {
  file: WorkspaceFile;
  model: monaco.editor.ITextModel;
  binding: MonacoBinding;
  /** What the binding subscribed to on the editor (y-monaco does not remove them itself). */
  listeners: monaco.IDisposable[];
}

/**
 * Creates Monaco in `container`, showing the file this member has open, bound to that
 * file's Y.Text with y-monaco (remote edits, cursors and selections through `awareness`:
 * a selection is relative to one file's text, so others' cursors show in the file they are
 * in), highlighted in the language of the file's extension.
 *
 * Undo/redo: Monaco's own undo stack would also revert other people's edits, so
 * Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z / Ctrl+Y go to a Y.UndoManager per file that tracks only
 * changes whose origin is this editor's bindings, i.e. only what we typed; it outlives a
 * switch to another tab.
 *
 * The model switches language only once that language's highlighting is loaded (through
 * `monacoLanguages`, which retries failures), so Monaco's own loader never meets a failed
 * fetch it would remember for good; until then the text shows plain.
 */
export function createCodeEditor(container: HTMLElement, options: CodeEditorOptions): CodeEditor {
  const { workspace, openFile, awareness } = options;
  installMonacoEnvironment();
  const store = new DisposableStore();
  const editor = monaco.editor.create(container, {
    model: null,
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
  const undoManagers = new Map<string, Y.UndoManager>();
  const viewStates = new Map<string, monaco.editor.ICodeEditorViewState>();
  let shown: Shown | undefined;

  const undoOf = (): Y.UndoManager | undefined => (shown ? undoManagers.get(shown.file.id) : undefined);
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyZ, () => undoOf()?.undo());
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyZ, () => undoOf()?.redo());
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyY, () => undoOf()?.redo());

  let wanted: Language | undefined;
  const setLanguage = (model: monaco.editor.ITextModel, id: string) => {
    monaco.editor.setModelLanguage(model, id);
    dropStaleMarkers(model);
  };
  const dropStaleMarkers = (model: monaco.editor.ITextModel) => {
    if (model.isDisposed()) return;
    const language = model.getLanguageId();
    const stale = new Set(monaco.editor.getModelMarkers({ resource: model.uri }).map((marker) => marker.owner));
    stale.delete(language);
    for (const owner of stale) monaco.editor.setModelMarkers(model, owner, []);
  };
  const show = (language: Language) => {
    if (shown && language === wanted && !shown.model.isDisposed()) setLanguage(shown.model, monacoLanguageId(language));
  };
  const follow = (language: Language | undefined) => {
    wanted = language;
    const model = shown?.model;
    if (!model) return;
    if (language === undefined) return setLanguage(model, 'plaintext');
    if (monacoLanguages.isLoaded(language)) return show(language);
    void monacoLanguages.ensure(language).then((loaded) => {
      // Failed: plain text until a retry succeeds (offLoaded below) rather than another language's colours.
      if (!loaded && language === wanted && shown?.model === model && !model.isDisposed()) setLanguage(model, 'plaintext');
    });
  };
  store.add(monacoLanguages.onLoaded(show));

  /** Our cursor is in this file now, for everyone (until now it was in the previous file's text). */
  const publishSelection = (text: Y.Text, model: monaco.editor.ITextModel) => {
    const selection = editor.getSelection() ?? new monaco.Selection(1, 1, 1, 1);
    const at = (position: monaco.IPosition) => Y.createRelativePositionFromTypeIndex(text, model.getOffsetAt(position));
    awareness.setLocalStateField('selection', { anchor: at(selection.getStartPosition()), head: at(selection.getEndPosition()) });
  };

  const unbind = () => {
    if (!shown) return;
    const state = editor.saveViewState();
    if (state) viewStates.set(shown.file.id, state);
    shown.binding.destroy();
    for (const listener of shown.listeners.splice(0)) listener.dispose();
    editor.setModel(null);
    shown.model.dispose();
    shown = undefined;
  };
  /** Shows `file` (a new model per file and per path, so Monaco's language services see the workspace's paths). */
  const bind = (file: WorkspaceFile | undefined) => {
    unbind();
    container.classList.toggle('no-file', !file);
    if (!file) return;
    const model = monaco.editor.createModel('', 'plaintext', monaco.Uri.file(`/workspace/${file.path}`));
    editor.setModel(model);
    const listeners: monaco.IDisposable[] = [];
    const binding = new MonacoBinding(file.text, model, new Set([editorOwningListeners(editor, listeners)]), awareness);
    let undo = undoManagers.get(file.id);
    if (!undo) undoManagers.set(file.id, (undo = new Y.UndoManager(file.text, { trackedOrigins: new Set() })));
    undo.addTrackedOrigin(binding);
    shown = { file, model, binding, listeners };
    const state = viewStates.get(file.id);
    if (state) editor.restoreViewState(state);
    publishSelection(file.text, model);
    // y-monaco paints others' cursors only on the next awareness change: paint the ones already in this file now.
    (binding as unknown as { _rerenderDecorations(): void })._rerenderDecorations();
    follow(file.language);
  };
  bind(openFile.current());
  store.add(openFile.onChange(bind));
  // Files deleted by anyone take their undo history with them.
  store.add(
    workspace.onChange(() => {
      for (const [id, undo] of undoManagers) {
        if (workspace.byId(id)) continue;
        undo.destroy();
        undoManagers.delete(id);
        viewStates.delete(id);
      }
    }),
  );
  // Monaco's TypeScript checker leaves its markers behind when the model leaves JavaScript
  // (a rename to .py), and can even finish a check after that: red squiggles would then sit
  // on Python code for good. Markers of a language the model no longer has are dropped, on
  // every language change and marker change.
  const offStaleMarkers = monaco.editor.onDidChangeMarkers((uris) => {
    const model = shown?.model;
    if (model && uris.some((uri) => uri.toString() === model.uri.toString())) dropStaleMarkers(model);
  });
  store.add(() => offStaleMarkers.dispose());
  store.add(
    guardPasteLimits(container, {
      check: (pasted) => {
        const model = shown?.model;
        if (!shown || !model) return undefined;
        const selected = (editor.getSelections() ?? []).reduce((sum, range) => sum + model.getValueInRange(range), '');
        return workspace.problemForBytes(shown.file.path, byteLength(pasted), byteLength(selected));
      },
      onRefused: (problem) => options.onProblem(`Paste not applied: ${problem}`),
    }),
  );

  let flash: monaco.editor.IEditorDecorationsCollection | undefined;
  let flashTimer: number | undefined;

  return {
    editor,
    reveal(position) {
      const target = position.file === undefined ? undefined : workspace.byPath(position.file);
      if (target && target.id !== shown?.file.id) openFile.open(target.id);
      const model = shown?.model;
      if (!model) return;
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
      store.dispose();
      unbind();
      for (const undo of undoManagers.values()) undo.destroy();
      undoManagers.clear();
      editor.dispose();
    },
  };
}

/**
 * The editor as y-monaco sees it, except that the listeners it adds to the editor are kept
 * in `listeners`, so switching files does not leave one behind per switch.
 */
function editorOwningListeners(editor: monaco.editor.IStandaloneCodeEditor, listeners: monaco.IDisposable[]): monaco.editor.IStandaloneCodeEditor {
  return new Proxy(editor, {
    get(target, key) {
      if (key === 'onDidChangeCursorSelection') {
        return (listener: (event: monaco.editor.ICursorSelectionChangedEvent) => void) => {
          const subscription = target.onDidChangeCursorSelection(listener);
          listeners.push(subscription);
          return subscription;
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
