import * as Y from 'yjs';
import type { Language } from '../../shared/host-api';
import { DEFAULT_LANGUAGE, asLanguage } from './languages';

/** One chat line as stored in the shared document (any peer may write one). */
export interface ChatMessage {
  id: string;
  author: string;
  memberId: number;
  color: string;
  text: string;
  /** Unix milliseconds, by the author's clock. */
  at: number;
}

/** Longest chat message we store; longer input is cut. */
export const MAX_CHAT_LENGTH = 2000;

/**
 * The session's shared state, held by every peer: the code (Y.Text 'code'), session
 * settings (Y.Map 'meta': 'language') and the chat history (Y.Array 'chat').
 */
export class CollabDoc {
  readonly doc = new Y.Doc();
  readonly code: Y.Text = this.doc.getText('code');
  readonly meta: Y.Map<unknown> = this.doc.getMap('meta');
  readonly chat: Y.Array<unknown> = this.doc.getArray('chat');

  /** The shared language mode. */
  get language(): Language {
    return asLanguage(this.meta.get('language')) ?? DEFAULT_LANGUAGE;
  }

  /** Changes the language for everyone. */
  setLanguage(language: Language): void {
    if (language !== this.language) this.meta.set('language', language);
  }

  /** Calls `listener` whenever the shared language changes (locally or remotely). */
  onLanguage(listener: (language: Language) => void): () => void {
    const observer = (event: Y.YMapEvent<unknown>) => {
      if (event.keysChanged.has('language')) listener(this.language);
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
