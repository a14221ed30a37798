import * as Y from 'yjs';
import { LANGUAGES, type Language, type RunPresetInfo } from '../../shared/host-api';
import { MAX_CHAT_LENGTH, type ChatEntry, type DocRoot, type MetaKey, type PublishedPreset } from '../../shared/protocol/collab/doc-layout';

/** One chat line as stored in the shared document (any peer may write one). */
export type ChatMessage = ChatEntry;
export { MAX_CHAT_LENGTH };

/**
 * The session's shared state, held by every peer, laid out as src/shared/protocol/collab/
 * doc-layout.ts says: the workspace's files (Y.Map 'files', read and changed through
 * src/renderer/workspace/shared-workspace.ts), session settings (Y.Map 'meta': 'entry', and
 * 'presets' — which languages the host can run, published by the host so guests see it too)
 * and the chat history (Y.Array 'chat').
 */
export class CollabDoc {
  readonly doc = new Y.Doc();
  readonly files: Y.Map<unknown> = this.doc.getMap('files' satisfies DocRoot);
  readonly meta: Y.Map<unknown> = this.doc.getMap('meta' satisfies DocRoot);
  readonly chat: Y.Array<unknown> = this.doc.getArray('chat' satisfies DocRoot);

  /** Which languages the host can run, as the host published it; undefined until it has. */
  get presets(): RunPresetInfo[] | undefined {
    const value = this.meta.get('presets' satisfies MetaKey);
    if (!Array.isArray(value)) return undefined;
    return value.map(asPresetInfo).filter((p): p is RunPresetInfo => p !== undefined);
  }

  /** Host: publishes which languages can run on this machine. */
  setPresets(presets: readonly RunPresetInfo[]): void {
    this.meta.set(
      'presets' satisfies MetaKey,
      presets.map(({ language, label, fileName, available, missing }): PublishedPreset => ({ language, label, fileName, available, missing: missing ?? '' })),
    );
  }

  /** Calls `listener` whenever the host publishes run presets. */
  onPresets(listener: (presets: RunPresetInfo[] | undefined) => void): () => void {
    const observer = (event: Y.YMapEvent<unknown>) => {
      if (event.keysChanged.has('presets' satisfies MetaKey)) listener(this.presets);
    };
    this.meta.observe(observer);
    return () => this.meta.unobserve(observer);
  }

  /** Appends a chat message to the shared history. */
  addChat(message: Omit<ChatMessage, 'id' | 'at'>): ChatMessage | undefined {
    const text = message.text.trim().slice(0, MAX_CHAT_LENGTH);
    if (!text) return undefined;
    const stored: ChatMessage = { ...message, text, id: `${this.doc.clientID}-${Date.now()}-${this.chat.length}`, at: Date.now() };
    this.chat.push([stored]);
    return stored;
  }

  /** The chat history, skipping entries that are not well-formed messages. */
  chatMessages(): ChatMessage[] {
    return this.chat.toArray().map(asChatMessage).filter((m): m is ChatMessage => m !== undefined);
  }

  /** Frees the document. */
  dispose(): void {
    this.doc.destroy();
  }
}

/** Narrows a published preset (written by a peer) to a RunPresetInfo. */
function asPresetInfo(value: unknown): RunPresetInfo | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const p = value as Record<string, unknown>;
  if (!LANGUAGES.includes(p.language as Language) || typeof p.available !== 'boolean') return undefined;
  return {
    language: p.language as Language,
    label: typeof p.label === 'string' ? p.label.slice(0, 32) : String(p.language),
    fileName: typeof p.fileName === 'string' ? p.fileName.slice(0, 64) : '',
    available: p.available,
    ...(typeof p.missing === 'string' && p.missing ? { missing: p.missing.slice(0, 200) } : {}),
  };
}

/** Narrows an entry of the shared chat array (written by any peer) to a message. */
export function asChatMessage(value: unknown): ChatMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (typeof m.text !== 'string' || typeof m.author !== 'string') return undefined;
  return {
    id: typeof m.id === 'string' ? m.id : '',
    author: m.author.slice(0, 64),
    memberId: typeof m.memberId === 'number' ? m.memberId : 0,
    color: typeof m.color === 'string' && /^#[0-9a-f]{6}$/i.test(m.color) ? m.color : '#888888',
    text: m.text.slice(0, MAX_CHAT_LENGTH),
    at: typeof m.at === 'number' ? m.at : 0,
  };
}
