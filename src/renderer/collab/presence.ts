import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { Emitter } from '../../shared/lifecycle';
import type { AwarenessUser } from '../../shared/protocol/collab/doc-layout';

/** What we publish about ourselves in awareness (y-monaco adds `selection`). */
export type { AwarenessUser };

/** A cursor position as people read it: 1-based line and column, in a workspace file. */
export interface CursorPosition {
  line: number;
  column: number;
  /** The path of the file the cursor is in (absent when unknown, e.g. lineColumnAt alone). */
  file?: string;
}

/** Finds the path of the workspace file whose text `type` is; undefined when it is none. */
export type PathOfText = (type: Y.AbstractType<unknown>) => string | undefined;

/** One remote peer as the awareness protocol sees it. */
export interface PeerPresence {
  clientId: number;
  memberId: number;
  user: AwarenessUser;
  /** Where their cursor (selection head) is now, if they have one in the code. */
  cursor: CursorPosition | undefined;
}

/** Publishes who we are to the others (name, colour, member id), keeping the file we have open. */
export function publishUser(awareness: Awareness, user: Omit<AwarenessUser, 'file'>): void {
  const previous = awareness.getLocalState()?.user as Partial<AwarenessUser> | undefined;
  awareness.setLocalStateField('user', { ...user, file: typeof previous?.file === 'string' ? previous.file : '' });
}

/** Publishes which file we have open ('' for none), so follow mode and the people list can say where we are. */
export function publishOpenFile(awareness: Awareness, file: string): void {
  const previous = awareness.getLocalState()?.user as Partial<AwarenessUser> | undefined;
  if (previous?.file === file) return;
  awareness.setLocalStateField('user', { ...previous, file });
}

/**
 * The remote peers' presence, with cursor positions resolved against the current text.
 * `memberOf` maps an awareness client id to the member it came from (trusted: it is the
 * relay-stamped sender), falling back to what the state claims.
 */
export function peerPresence(
  awareness: Awareness,
  pathOf: PathOfText,
  memberOf: (clientId: number) => number | undefined,
): PeerPresence[] {
  const doc = awareness.doc;
  const peers: PeerPresence[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === doc.clientID) return;
    const user = asUser(state.user);
    if (!user) return;
    const memberId = memberOf(clientId) ?? user.memberId;
    const head = (state.selection as { head?: unknown } | undefined)?.head;
    let cursor: CursorPosition | undefined;
    if (head && typeof head === 'object') {
      const absolute = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(head), doc);
      const file = absolute ? pathOf(absolute.type) : undefined;
      if (absolute && file !== undefined) cursor = { ...lineColumnAt(absolute.type.toString(), absolute.index), file };
    }
    peers.push({ clientId, memberId, user: { ...user, memberId }, cursor });
  });
  return peers;
}

/** The 1-based line and column of a character offset in `text`. */
export function lineColumnAt(text: string, offset: number): CursorPosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < clamped; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: clamped - lineStart + 1 };
}

function asUser(value: unknown): AwarenessUser | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const user = value as Record<string, unknown>;
  if (typeof user.name !== 'string') return undefined;
  return {
    name: user.name.slice(0, 64),
    color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#888888',
    memberId: typeof user.memberId === 'number' ? user.memberId : 0,
    file: typeof user.file === 'string' ? user.file.slice(0, 128) : '',
  };
}

/**
 * Remote presence as a source of change notifications: fires (at most once per frame)
 * when awareness states change or the text moves under someone's cursor.
 */
export class PresenceTracker {
  private readonly events = new Emitter<{ change: () => void }>();
  private scheduled = false;

  constructor(
    private readonly awareness: Awareness,
    /** The workspace's `files` map: edits in any file may move someone's cursor. */
    private readonly files: Y.Map<unknown>,
    private readonly pathOf: PathOfText,
    private readonly memberOf: (clientId: number) => number | undefined,
  ) {
    awareness.on('change', this.schedule);
    files.observeDeep(this.schedule);
  }

  /** The remote peers now. */
  peers(): PeerPresence[] {
    return peerPresence(this.awareness, this.pathOf, this.memberOf);
  }

  /** The cursor of a member, if they have one in the code. */
  cursorOf(memberId: number): CursorPosition | undefined {
    return this.peers().find((peer) => peer.memberId === memberId && peer.cursor)?.cursor;
  }

  /** Calls `listener` after presence changed; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    return this.events.on('change', listener);
  }

  /** Stops listening. */
  dispose(): void {
    this.awareness.off('change', this.schedule);
    this.files.unobserveDeep(this.schedule);
    this.events.clear();
  }

  private readonly schedule = (): void => {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.events.emit('change');
    });
  };
}
