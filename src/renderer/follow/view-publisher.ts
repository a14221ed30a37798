import type * as monaco from 'monaco-editor';
import type { Awareness } from 'y-protocols/awareness';
import { DisposableStore, type Disposable } from '../../shared/lifecycle';
import type { AwarenessView } from '../../shared/protocol/collab/follow-awareness';

/** Scrolling publishes at most this often (awareness goes to everyone; a flick scroll fires per frame). */
export const VIEW_PUBLISH_INTERVAL_MS = 100;

/** The 1-based line at the top of `editor`'s viewport. */
export function topLineOf(editor: monaco.editor.ICodeEditor): number {
  return editor.getVisibleRanges()[0]?.startLineNumber ?? 1;
}

/**
 * Publishes what we look at as our awareness state's `view` field (docs/protocol.md, "Follow
 * mode"): the top line of the editor, and the open file when there is a workspace of several.
 * Throttled: the latest view goes out at most every VIEW_PUBLISH_INTERVAL_MS while scrolling.
 */
export function publishView(editor: monaco.editor.ICodeEditor, awareness: Awareness, currentFile: () => string | undefined): Disposable {
  const store = new DisposableStore();
  let timer: number | undefined;
  let last = '';
  const publish = () => {
    timer = undefined;
    const file = currentFile();
    const view: AwarenessView = file === undefined ? { topLine: topLineOf(editor) } : { file, topLine: topLineOf(editor) };
    const key = `${view.file ?? ''}:${view.topLine}`;
    if (key === last) return;
    last = key;
    awareness.setLocalStateField('view', view);
  };
  const schedule = () => {
    timer ??= window.setTimeout(publish, VIEW_PUBLISH_INTERVAL_MS);
  };
  store.add(editor.onDidScrollChange(schedule));
  store.add(editor.onDidChangeModel(schedule));
  store.add(() => window.clearTimeout(timer));
  schedule();
  return store;
}
