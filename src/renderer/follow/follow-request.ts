import type { Awareness } from 'y-protocols/awareness';
import { DisposableStore, Emitter, type Disposable } from '../../shared/lifecycle';
import { readFollowRequest, type AwarenessFollowRequest } from '../../shared/protocol/collab/follow-awareness';
import type { SessionClient } from '../../shared/session-client';
import type { PresenceTracker } from '../collab/presence';
import type { FollowMode } from './follow-mode';

/** A host's request that we follow them, waiting for our answer. */
export interface PendingFollowRequest {
  hostId: number;
  hostName: string;
  since: number;
}

/**
 * "Follow me" from the host: the host publishes a `followMe` awareness field while it asks
 * (no relay frame of its own: the relay stays content-agnostic); every other member is asked
 * once per request and may follow or decline. Only a member the relay says is the host can ask.
 */
export class FollowRequests implements Disposable {
  private readonly events = new Emitter<{ change: () => void }>();
  private readonly store = new DisposableStore();
  private readonly answered = new Set<number>();
  private asked: AwarenessFollowRequest | undefined;
  pending: PendingFollowRequest | undefined;

  constructor(
    private readonly client: SessionClient,
    private readonly presence: PresenceTracker,
    private readonly awareness: Awareness,
    private readonly follow: FollowMode,
  ) {
    this.store.add(presence.onChange(() => this.check()));
    this.store.add(client.on('members', () => this.check()));
    this.store.add(() => this.events.clear());
  }

  /** Whether we (the host) are asking everyone to follow us now. */
  get asking(): boolean {
    return this.asked !== undefined;
  }

  /** Host: asks everyone to follow us (a new request, which everyone answers afresh). */
  ask(): void {
    this.asked = { since: Date.now() };
    this.awareness.setLocalStateField('followMe', this.asked);
    this.events.emit('change');
  }

  /** Host: stops asking; whoever follows keeps following until they act. */
  cancel(): void {
    this.asked = undefined;
    this.awareness.setLocalStateField('followMe', null);
    this.events.emit('change');
  }

  /** Follows the host who asked. */
  accept(): void {
    const request = this.pending;
    if (!request) return;
    this.answer(request);
    this.follow.follow(request.hostId);
  }

  /** Says no to the host's request; we are not asked again until it asks anew. */
  decline(): void {
    if (this.pending) this.answer(this.pending);
  }

  /** Calls `listener` when the pending request or our own asking changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    return this.events.on('change', listener);
  }

  dispose(): void {
    this.store.dispose();
  }

  private answer(request: PendingFollowRequest): void {
    this.answered.add(request.since);
    this.pending = undefined;
    this.events.emit('change');
  }

  private check(): void {
    let found: PendingFollowRequest | undefined;
    if (!this.client.isHost) {
      for (const peer of this.presence.peers()) {
        const member = this.client.members.get(peer.memberId);
        if (member?.role !== 'host') continue;
        const request = readFollowRequest(this.awareness.getStates().get(peer.clientId)?.followMe);
        // Already following the host: that is the answer.
        if (request && this.follow.following === member.id) this.answered.add(request.since);
        if (request && !this.answered.has(request.since)) found = { hostId: member.id, hostName: member.name, since: request.since };
      }
    }
    if (found?.since === this.pending?.since && found?.hostId === this.pending?.hostId) return;
    this.pending = found;
    this.events.emit('change');
  }
}
