import { Counter, Gauge, Registry } from 'prom-client';
import { CHANNELS, MAX_CHANNEL_ID, channelName } from '../src/shared/protocol';
import type { ClusterFigures } from './cluster/cluster-node';

/** Why a frame was not delivered to one member. */
export const DROP_REASONS = ['slow-consumer', 'no-permission', 'not-host', 'offline', 'unknown-member'] as const;
export type DropReason = (typeof DROP_REASONS)[number];
const DROP_INDEX = Object.fromEntries(DROP_REASONS.map((reason, i) => [reason, i])) as Record<DropReason, number>;

/** What a join attempt (any `hello`) came to. */
export type JoinOutcome =
  /** A new session. */
  | 'created'
  /** A knock waits for the host. */
  | 'lobby'
  /** The host (or auto-admit) let a joiner in. */
  | 'admitted'
  /** A member got its place back. */
  | 'resumed'
  /** A member resumed a session this relay did not hold and it was rebuilt from its record (after a restart). */
  | 'rebuilt'
  /** An invite code matched no live session: what someone guessing codes produces. */
  | 'unknown-code'
  /** Any other refusal (rate limits, full, spent token, ended session). */
  | 'refused';

/**
 * The relay's Prometheus metrics, in a Registry of its own so several relays can live in
 * one process. Per-frame counts go into plain typed arrays indexed by channel id (no label
 * hashing, no allocation on the hot path) and reach prom-client only when scraped.
 */
export class RelayMetrics {
  readonly registry = new Registry();
  /** Messages in / out by channel id; index 0 counts control (text) messages. */
  readonly messagesIn = new Float64Array(MAX_CHANNEL_ID + 1);
  readonly messagesOut = new Float64Array(MAX_CHANNEL_ID + 1);
  readonly bytesIn = new Float64Array(MAX_CHANNEL_ID + 1);
  readonly bytesOut = new Float64Array(MAX_CHANNEL_ID + 1);

  /** Dropped frames by `channel * DROP_REASONS.length + reason`. */
  private readonly dropped = new Float64Array((MAX_CHANNEL_ID + 1) * DROP_REASONS.length);
  private readonly closes: Counter<'reason'>;
  private readonly joins: Counter<'outcome'>;

  private readonly storeErrors: Counter;
  private readonly pauses: Counter;

  constructor(state: {
    connections(): number;
    sessions(): number;
    lookupBudgetExhausted(): boolean;
    /** A cluster node's bus figures; undefined for a single relay. */
    cluster?: () => ClusterFigures | undefined;
  }) {
    const registers = [this.registry];
    new Gauge({
      name: 'duet_relay_connections',
      help: 'Open WebSocket connections',
      registers,
      collect() {
        this.set(state.connections());
      },
    });
    new Gauge({
      name: 'duet_relay_sessions',
      help: 'Sessions held',
      registers,
      collect() {
        this.set(state.sessions());
      },
    });
    new Gauge({
      name: 'duet_relay_lookup_budget_exhausted',
      help: '1 while the relay-wide budget of failed invite-code look-ups is spent',
      registers,
      collect() {
        this.set(state.lookupBudgetExhausted() ? 1 : 0);
      },
    });
    if (state.cluster !== undefined) this.clusterMetrics(state.cluster);
    this.pauses = new Counter({
      name: 'duet_relay_paced_total',
      help: 'Times a connection sending data faster than its budget had its reading paused',
      registers,
    });
    this.storeErrors = new Counter({
      name: 'duet_relay_store_errors_total',
      help: 'Session record writes that failed',
      registers,
    });
    this.flowCounter('duet_relay_messages_total', 'Messages by direction and channel', this.messagesIn, this.messagesOut);
    this.flowCounter('duet_relay_bytes_total', 'Bytes by direction and channel', this.bytesIn, this.bytesOut);
    this.droppedCounter();
    this.closes = new Counter({
      name: 'duet_relay_closes_total',
      help: 'Connections closed, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.joins = new Counter({
      name: 'duet_relay_join_attempts_total',
      help: 'hello messages by outcome',
      labelNames: ['outcome'],
      registers,
    });
  }

  /** Counts a frame not delivered (cheap: it can happen once per frame and recipient). */
  frameDropped(channel: number, reason: DropReason): void {
    this.dropped[channel * DROP_REASONS.length + DROP_INDEX[reason]]!++;
  }

  /** Counts a closed connection. */
  closed(reason: string): void {
    this.closes.inc({ reason });
  }

  private clusterMetrics(figures: () => ClusterFigures | undefined): void {
    const registers = [this.registry];
    const gauge = (name: string, help: string, read: (f: ClusterFigures) => number): void => {
      new Gauge({
        name,
        help,
        registers,
        collect() {
          const now = figures();
          if (now !== undefined) this.set(read(now));
        },
      });
    };
    const counter = (name: string, help: string, read: (f: ClusterFigures) => number): void => {
      let reported = 0;
      new Counter({
        name,
        help,
        registers,
        collect() {
          const now = figures();
          if (now === undefined) return;
          const total = read(now);
          if (total > reported) this.inc(total - reported);
          reported = total;
        },
      });
    };
    gauge('duet_relay_redis_up', '1 while this node reaches Redis', (f) => (f.redisUp ? 1 : 0));
    counter('duet_relay_redis_reconnects_total', 'Times a Redis connection was lost and retried', (f) => f.reconnects);
    counter('duet_relay_bus_published_total', 'Envelopes posted to other nodes', (f) => f.published);
    counter('duet_relay_bus_received_total', "Envelopes read from this node's inbox", (f) => f.received);
    counter('duet_relay_bus_unsent_total', 'Envelopes not posted because Redis was away', (f) => f.unsent);
    gauge('duet_relay_bus_inbox_lag_ms', 'Age of the newest inbox entry when it was read', (f) => f.inboxLagMs);
    gauge('duet_relay_remote_members', 'Members of sessions owned here connected to other nodes', (f) => f.remoteMembers);
    gauge('duet_relay_forwarded_members', 'Members connected here whose session another node owns', (f) => f.forwardedMembers);
  }

  /** Counts a connection whose reading was paused (once per pause, not per frame). */
  paced(): void {
    this.pauses.inc();
  }

  /** Counts a session record write that failed. */
  storeFailed(): void {
    this.storeErrors.inc();
  }

  /** Counts a hello by what it led to. */
  joinAttempt(outcome: JoinOutcome): void {
    this.joins.inc({ outcome });
  }

  /** The Prometheus text exposition. */
  async render(): Promise<string> {
    return this.registry.metrics();
  }

  private droppedCounter(): void {
    const counts = this.dropped;
    const reported = new Float64Array(counts.length);
    const labels = channelLabels();
    const width = DROP_REASONS.length;
    new Counter({
      name: 'duet_relay_frames_dropped_total',
      help: 'Data frames not delivered to a member, by channel and reason',
      labelNames: ['channel', 'reason'],
      registers: [this.registry],
      collect() {
        for (let i = 0; i < counts.length; i++) {
          const delta = counts[i]! - reported[i]!;
          if (delta <= 0) continue;
          this.inc({ channel: labels[Math.floor(i / width)]!, reason: DROP_REASONS[i % width]! }, delta);
          reported[i] = counts[i]!;
        }
      },
    });
  }

  private flowCounter(name: string, help: string, inbound: Float64Array, outbound: Float64Array): void {
    const reported = { in: new Float64Array(inbound.length), out: new Float64Array(outbound.length) };
    const labels = channelLabels();
    const counter = new Counter({
      name,
      help,
      labelNames: ['direction', 'channel'],
      registers: [this.registry],
      collect() {
        for (const [direction, values] of [['in', inbound], ['out', outbound]] as const) {
          const seen = reported[direction];
          for (let id = 0; id < values.length; id++) {
            const delta = values[id]! - seen[id]!;
            if (delta > 0) {
              this.inc({ direction, channel: labels[id]! }, delta);
              seen[id] = values[id]!;
            }
          }
        }
      },
    });
    // Show every series from the start, at zero, so dashboards need no special cases.
    for (const direction of ['in', 'out']) for (const channel of labels) counter.inc({ direction, channel }, 0);
  }
}

function channelLabels(): string[] {
  const labels: string[] = [];
  for (let id = 0; id <= MAX_CHANNEL_ID; id++) labels.push(id === CHANNELS.control ? 'control' : (channelName(id) ?? String(id)));
  return labels;
}
