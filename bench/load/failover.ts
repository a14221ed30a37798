import { CHANNELS, FINAL_CLOSE_REASONS, FRAME_HEADER_BYTES, closeReasonOf } from '../../src/shared/protocol';
import { CLIENT_DEFAULTS, backoffDelay } from '../../src/shared/session-client';
import { ClosedBeforeWelcome, resumeMember, type Peer } from './clients';
import type { FailoverResult } from './messages';

/** One session a load generator holds in a cluster, and the node each member is on. */
export interface PlacedSession {
  index: number;
  host: Peer;
  guest: Peer;
  hostNode: number;
  guestNode: number;
}

interface Member {
  peer: Peer;
  token: string;
  connected: boolean;
  /** It was on the killed node: its time back is what the table reports. */
  wasOnDeadNode: boolean;
  /** A member of another node whose connection dropped too (its session's owner died). */
  droppedToo: boolean;
  /** A final close (e.g. `4004 unknown-code`): it stops trying, as the app would. */
  gaveUp?: string;
  session: TrackedSession;
  /** 0 host, 1 guest: spreads reconnects of one session over the surviving nodes. */
  role: number;
}

interface TrackedSession {
  index: number;
  members: [Member, Member];
  /** Wall-clock ms when one member heard its peer's answer to its own probe, both sent after the kill. */
  doneAt?: number;
}

const PROBE = 1;
const ANSWER = 2;
/** A member that is connected but has not exchanged with its peer yet probes again this often. */
const PROBE_EVERY_MS = 200;
/** A resume that no welcome answers within this is given up (the app's pings would find it dead). */
const RESUME_TIMEOUT_MS = 10_000;

const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A node of the cluster is about to be SIGKILLed. Every session with a member on it is
 * watched: a member whose socket drops reconnects as the app's session client does (its
 * backoff: 125–250 ms, then doubling, with equal jitter) to one of the surviving nodes (as a
 * balancer that has marked the dead node down would send it) and resumes with its token.
 * From the kill on, connected members probe their peer (a doc frame) and answer its probes;
 * a session is back when one member hears the answer to its own probe: a frame went each
 * way between the two, over whatever nodes they are on now.
 */
export class Failover {
  private readonly tracked: TrackedSession[] = [];
  private readonly survivors: number[];
  private killedAt: number | undefined;
  private finished = false;
  private attempts = 0;

  constructor(
    sessions: readonly PlacedSession[],
    dead: number,
    private readonly ports: readonly number[],
    private readonly address: () => string,
  ) {
    this.survivors = ports.map((_, i) => i).filter((i) => i !== dead);
    for (const placed of sessions) {
      if (placed.hostNode !== dead && placed.guestNode !== dead) continue;
      const session = { index: placed.index } as TrackedSession;
      const member = (peer: Peer, node: number, role: number): Member => {
        if (peer.resumeToken === undefined) throw new Error('failover needs Duet members (with resume tokens)');
        return { peer, token: peer.resumeToken, connected: true, wasOnDeadNode: node === dead, droppedToo: false, session, role };
      };
      session.members = [member(placed.host, placed.hostNode, 0), member(placed.guest, placed.guestNode, 1)];
      this.tracked.push(session);
      for (const m of session.members) this.listen(m);
    }
  }

  /** The node was killed at `killedAt` (wall-clock ms): probe, and report when every session is back or `timeoutMs` ran out. */
  async measure(killedAt: number, timeoutMs: number): Promise<FailoverResult> {
    this.killedAt = killedAt;
    for (const session of this.tracked) for (const m of session.members) if (m.connected) this.probe(m);
    const deadline = killedAt + timeoutMs;
    while (wallNow() < deadline && this.tracked.some((s) => s.doneAt === undefined && !s.members.some((m) => m.gaveUp !== undefined))) {
      await sleep(PROBE_EVERY_MS);
      for (const session of this.tracked) {
        if (session.doneAt !== undefined) continue;
        for (const m of session.members) if (m.connected) this.probe(m);
      }
    }
    this.finished = true;
    const result: FailoverResult = { ownerLostMs: [], ownerLivedMs: [], neverBack: {}, tracked: 0, droppedToo: 0, attempts: this.attempts };
    for (const session of this.tracked) {
      for (const m of session.members) {
        if (m.droppedToo) result.droppedToo++;
        if (!m.wasOnDeadNode) continue;
        result.tracked++;
        if (session.doneAt !== undefined) {
          // The host's node created the session, so it was the session's owner.
          (session.members[0].wasOnDeadNode ? result.ownerLostMs : result.ownerLivedMs).push(session.doneAt - killedAt);
        } else {
          const why = m.gaveUp ?? session.members.find((other) => other.gaveUp !== undefined)?.gaveUp ?? (m.connected ? 'resumed, no exchange with its peer' : 'not resumed');
          result.neverBack[why] = (result.neverBack[why] ?? 0) + 1;
        }
      }
    }
    return result;
  }

  /** Closes every connection the failover opened or watched. */
  close(): void {
    this.finished = true;
    for (const session of this.tracked) for (const m of session.members) m.peer.close();
  }

  private listen(m: Member): void {
    const peer = m.peer;
    peer.onFrame((frame) => this.heard(m, frame));
    peer.onClose(() => {
      if (m.peer !== peer || this.finished) return;
      m.connected = false;
      if (!m.wasOnDeadNode) m.droppedToo = true;
      void this.comeBack(m);
    });
  }

  private async comeBack(m: Member): Promise<void> {
    const options = { initialDelayMs: CLIENT_DEFAULTS.reconnectInitialDelayMs, maxDelayMs: CLIENT_DEFAULTS.reconnectMaxDelayMs };
    for (let attempt = 0; !this.finished; attempt++) {
      await sleep(backoffDelay(attempt, options));
      if (this.finished) return;
      const node = this.survivors[(m.session.index + m.role + attempt) % this.survivors.length]!;
      this.attempts++;
      try {
        const peer = await resumeMember(this.ports[node]!, m.token, this.address(), RESUME_TIMEOUT_MS);
        if (this.finished) return peer.close();
        m.peer = peer;
        m.token = peer.resumeToken ?? m.token;
        m.connected = true;
        this.listen(m);
        if (this.killedAt !== undefined) this.probe(m);
        return;
      } catch (error) {
        if (!(error instanceof ClosedBeforeWelcome)) continue; // refused, reset: try again
        const reason = closeReasonOf(error.code);
        if (reason !== undefined && FINAL_CLOSE_REASONS.has(reason)) {
          m.gaveUp = `${error.code} ${reason}`;
          return;
        }
      }
    }
  }

  private probe(m: Member): void {
    if (m.session.doneAt === undefined) m.peer.send(probeFrame(PROBE, wallNow(), m.session.index));
  }

  private heard(m: Member, frame: Buffer): void {
    if (this.killedAt === undefined || frame.length < FRAME_HEADER_BYTES + 13 || frame[0] !== CHANNELS.doc) return;
    const kind = frame[FRAME_HEADER_BYTES];
    const sentAt = frame.readDoubleLE(FRAME_HEADER_BYTES + 1);
    if (frame.readUInt32LE(FRAME_HEADER_BYTES + 9) !== m.session.index || sentAt < this.killedAt) return;
    if (kind === PROBE) {
      m.peer.send(probeFrame(ANSWER, sentAt, m.session.index));
    } else if (kind === ANSWER && m.session.doneAt === undefined) {
      m.session.doneAt = wallNow();
    }
  }
}

/** A doc frame: kind, the probe's send time (wall-clock ms), the session's index. */
function probeFrame(kind: number, sentAt: number, index: number): Buffer {
  const frame = Buffer.alloc(FRAME_HEADER_BYTES + 13);
  frame[0] = CHANNELS.doc;
  frame[FRAME_HEADER_BYTES] = kind;
  frame.writeDoubleLE(sentAt, FRAME_HEADER_BYTES + 1);
  frame.writeUInt32LE(index, FRAME_HEADER_BYTES + 9);
  return frame;
}
