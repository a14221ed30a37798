import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { Emitter } from '../../shared/lifecycle';
import type { AwarenessUser } from '../../shared/protocol/collab/doc-layout';

/** What we publish about ourselves in awareness (y-monaco adds `selection`). */
export type { AwarenessUser };

/** A cursor position as people read it: 1-based line and column. */
export interface CursorPosition {
  line: number;
  column: number;
}

/** One remote peer as the awareness protocol sees it. */
export interface PeerPresence {
  clientId: number;
  memberId: number;
  user: AwarenessUser;
  /** Where their cursor (selection head) is now, if they have one in the code. */
  cursor: CursorPosition | undefined;
}

/** Publishes who we are to the others (name, colour, member id). */
export function publishUser(awareness: Awareness, user: AwarenessUser): void {
  awareness.setLocalStateField('user', user);
}

/**
 * The remote peers' presence, with cursor positions resolved against the current text.
 * `memberOf` maps an awareness client id to the member it came from (trusted: it is the
 * relay-stamped sender), falling back to what the state claims.
 */
export function peerPresence(
  awareness: Awareness,
  code: Y.Text,
  memberOf: (clientId: number) => number | undefined,
): PeerPresence[] {
  const doc = code.doc;
  const peers: PeerPresence[] = [];
  if (!doc) return peers;
  let text: string | undefined;
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === doc.clientID) return;
    const user = asUser(state.user);
    if (!user) return;
    const memberId = memberOf(clientId) ?? user.memberId;
    const head = (state.selection as { head?: unknown } | undefined)?.head;
    let cursor: CursorPosition | undefined;
    if (head && typeof head === 'object') {
      const absolute = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(head), doc);
      if (absolute && absolute.type === code) cursor = lineColumnAt((text ??= code.toString()), absolute.index);
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
    private readonly code: Y.Text,
    private readonly memberOf: (clientId: number) => number | undefined,
  ) {
    awareness.on('change', this.schedule);
    code.observe(this.schedule);
  }

  /** The remote peers now. */
  peers(): PeerPresence[] {
    return peerPresence(this.awareness, this.code, this.memberOf);
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
    this.code.unobserve(this.schedule);
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
