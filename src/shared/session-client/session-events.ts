import type { ChannelId, CloseReason, Member, RelayMessageOf } from '../protocol';

/** What a SessionClient tells its listeners, and the states it goes through. */

export type ConnectionState = 'connecting' | 'lobby' | 'open' | 'reconnecting' | 'closed';

/** Why the session ended, as the relay said it (`session-ended` message). */
export type EndedBy = 'host-ended' | 'host-gone';

/**
 * Why the client stopped for good, by the protocol's close-reason name: this member left
 * (`leave()`, `dispose()`, or the relay's 1000), the session ended (with who ended it, when
 * the relay said), or the relay closed it with another final reason (denied, removed, ...).
 * Closes that are not final never end the client: it reconnects.
 */
export type SessionClosed =
  | { reason: 'left'; code: number }
  | { reason: 'session-ended'; code: number; endedBy: EndedBy | undefined }
  | { reason: Exclude<CloseReason, 'left' | 'session-ended'>; code: number };

export interface SessionEvents {
  state: (state: ConnectionState) => void;
  welcome: (welcome: RelayMessageOf<'welcome'>) => void;
  lobby: () => void;
  members: (members: Member[]) => void;
  knock: (knock: { memberId: number; name: string }) => void;
  'knock-withdrawn': (memberId: number) => void;
  'member-joined': (member: Member) => void;
  'member-left': (event: { memberId: number; name: string; reason: 'left' | 'removed' | 'timeout' }) => void;
  'member-reconnecting': (member: Member) => void;
  'member-back': (member: Member) => void;
  'permissions-changed': (member: Member) => void;
  'permission-requested': (member: Member) => void;
  'auto-admit-changed': (on: boolean) => void;
  'session-ended': (reason: EndedBy) => void;
  resync: (channel: ChannelId) => void;
  latency: (ms: number) => void;
  /** Our link went quiet (true: a pong is late) or was heard again (false). */
  unstable: (unstable: boolean) => void;
  error: (error: { code: string; message: string }) => void;
  data: (frame: { channel: ChannelId; from: number; payload: Uint8Array }) => void;
  closed: (closed: SessionClosed) => void;
}
