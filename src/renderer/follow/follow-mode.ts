import type * as monaco from 'monaco-editor';
import type { Awareness } from 'y-protocols/awareness';
import { DisposableStore, Emitter, type Disposable } from '../../shared/lifecycle';
import { readFollowing, readView, type AwarenessView } from '../../shared/protocol/collab/follow-awareness';
import type { SessionClient } from '../../shared/session-client';
import type { PresenceTracker } from '../collab/presence';
import type { Toasts } from '../ui/toasts';
import { publishView } from './view-publisher';

/** What the workspace offers follow mode; the defaults fit a session of one document. */
export interface FollowWorkspace {
  /** The path of the file we have open, if the session has several. */
  currentFile(): string | undefined;
  /** Opens the file a followed member looks at. */
  openFile(path: string): void;
}

/** One document, no files: nothing to open. */
export const SINGLE_DOCUMENT: FollowWorkspace = { currentFile: () => undefined, openFile: () => undefined };

/** Why following ended, in words for the person who was following. */
export type FollowEnd = { memberId: number; name: string; why: 'you-acted' | 'you-stopped' | 'they-left' };

/**
 * Follow mode: while we follow a member, our editor opens the file they have open and
 * scrolls to the line at the top of theirs (their awareness `view`), until we act in the
 * editor ourselves (scroll, click or type), which stops it and says so. Whom we follow is
 * published as our `following` field, so the others can see it.
 */
export class FollowMode implements Disposable {
  private readonly events = new Emitter<{ change: () => void }>();
  private readonly store = new DisposableStore();
  private followed: number | undefined;
  private editor: monaco.editor.ICodeEditor | undefined;
  /** How the last following ended, until we follow someone again. */
  lastEnd: FollowEnd | undefined;

  constructor(
    private readonly client: SessionClient,
    private readonly presence: PresenceTracker,
    private readonly awareness: Awareness,
    private readonly toasts: Toasts,
    private readonly workspace: FollowWorkspace = SINGLE_DOCUMENT,
  ) {
    this.store.add(presence.onChange(() => this.catchUp()));
    this.store.add(
      client.on('members', () => {
        if (this.followed !== undefined && !client.members.has(this.followed)) this.end('they-left');
      }),
    );
    this.store.add(() => this.events.clear());
  }

  /** The member we follow now. */
  get following(): number | undefined {
    return this.followed;
  }

  /** Gives follow mode the editor to move and to watch for our own actions; publishes our view. */
  attach(editor: monaco.editor.ICodeEditor): Disposable {
    const store = new DisposableStore();
    this.editor = editor;
    store.add(() => (this.editor = undefined));
    store.add(publishView(editor, this.awareness, () => this.workspace.currentFile()));
    // What a person does in the editor, not what scrolling it for them causes.
    const node = editor.getContainerDomNode();
    const acted = () => {
      if (this.followed !== undefined) this.end('you-acted');
    };
    for (const type of ['wheel', 'mousedown', 'keydown', 'touchstart'] as const) {
      node.addEventListener(type, acted, { capture: true, passive: true });
      store.add(() => node.removeEventListener(type, acted, { capture: true }));
    }
    this.catchUp();
    return store;
  }

  /** Starts following a member (anyone but ourselves). */
  follow(memberId: number): void {
    if (memberId === this.client.me?.id || !this.client.members.has(memberId)) return;
    this.followed = memberId;
    this.lastEnd = undefined;
    this.awareness.setLocalStateField('following', memberId);
    this.events.emit('change');
    this.catchUp();
  }

  /** Stops following, because we said so. */
  stop(): void {
    if (this.followed !== undefined) this.end('you-stopped');
  }

  /** Whom a member follows, as it publishes (ourselves included). */
  followingOf(memberId: number): number | undefined {
    if (memberId === this.client.me?.id) return this.followed;
    for (const peer of this.presence.peers()) {
      if (peer.memberId === memberId) return readFollowing(this.awareness.getStates().get(peer.clientId)?.following);
    }
    return undefined;
  }

  /** Calls `listener` when whom we follow changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    return this.events.on('change', listener);
  }

  dispose(): void {
    this.store.dispose();
  }

  private end(why: FollowEnd['why']): void {
    const memberId = this.followed!;
    const name = this.client.members.get(memberId)?.name ?? 'them';
    this.followed = undefined;
    this.lastEnd = { memberId, name, why };
    this.awareness.setLocalStateField('following', null);
    if (why === 'you-acted') this.toasts.show(`You stopped following ${name}`);
    else if (why === 'they-left') this.toasts.show(`${name} left: you stopped following them`);
    this.events.emit('change');
  }

  /** Moves our editor to where the followed member looks. */
  private catchUp(): void {
    const editor = this.editor;
    const view = this.followed === undefined ? undefined : this.viewOf(this.followed);
    if (!editor || !view) return;
    if (view.file !== undefined && view.file !== this.workspace.currentFile()) this.workspace.openFile(view.file);
    const model = editor.getModel();
    if (!model) return;
    const line = Math.min(view.topLine, model.getLineCount());
    editor.setScrollTop(editor.getTopForLineNumber(line), 1 /* ScrollType.Immediate */);
  }

  private viewOf(memberId: number): AwarenessView | undefined {
    let view: AwarenessView | undefined;
    for (const peer of this.presence.peers()) {
      if (peer.memberId === memberId) view = readView(this.awareness.getStates().get(peer.clientId)?.view) ?? view;
    }
    return view;
  }
}
