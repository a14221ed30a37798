import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mergeEncoded, type LatencyHistogram } from '../stats/latency';
import type { CloseCounts, FailoverResult, LoadReply, LoadRequest, StreamResult } from './messages';
import type { RelayTarget } from './target';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** Distributes an op over requests; `id` is filled in by the worker handle. */
type Request = LoadRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** One load-generator process. */
export class LoadWorker {
  private readonly child: ChildProcess;
  private nextId = 0;
  private readonly pending = new Map<number, (reply: LoadReply) => void>();
  /** Sessions it holds now. */
  sessions = 0;

  constructor(readonly index: number) {
    this.child = fork(WORKER, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_WORKER_INDEX: String(index) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (reply: LoadReply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    this.child.once('exit', (code, signal) => {
      for (const resolve of this.pending.values()) resolve({ id: -1, ok: false, error: `load generator ${index} exited (${code ?? signal})` });
      this.pending.clear();
    });
  }

  /** Sends one request and resolves with its reply, or rejects with the worker's error. */
  async request(request: Request): Promise<Extract<LoadReply, { ok: true }>> {
    const id = ++this.nextId;
    const reply = await new Promise<LoadReply>((resolve) => {
      this.pending.set(id, resolve);
      this.child.send({ ...request, id });
    });
    if (!reply.ok) throw new Error(reply.error);
    return reply;
  }

  /** Ends the process (it exits when its IPC channel closes). */
  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      this.child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      this.child.disconnect();
    });
  }
}

/** The outcome of one typing run across all generators. */
export interface TypingRun {
  sent: number;
  received: number;
  receivedInWindow: number;
  histogram: LatencyHistogram;
  closes: CloseCounts;
}

/** Several load-generator processes sharing the sessions of one relay. */
export class LoadPool {
  readonly workers: LoadWorker[];
  private nextSession = 0;

  constructor(size: number) {
    this.workers = Array.from({ length: size }, (_, i) => new LoadWorker(i));
  }

  /** Opens or closes sessions until the pool holds `total`, spread evenly over the generators. */
  async setSessions(target: RelayTarget, total: number): Promise<void> {
    const size = this.workers.length;
    await Promise.all(
      this.workers.map(async (worker, i) => {
        const share = Math.floor(total / size) + (i < total % size ? 1 : 0);
        if (share > worker.sessions) {
          const first = this.nextSession;
          this.nextSession += share - worker.sessions;
          worker.sessions = (await worker.request({ op: 'open', target, first, count: share - worker.sessions })).sessions!;
        } else if (share < worker.sessions) {
          worker.sessions = (await worker.request({ op: 'trim', keep: share })).sessions!;
        }
      }),
    );
  }

  get sessions(): number {
    return this.workers.reduce((sum, w) => sum + w.sessions, 0);
  }

  /** Runs typing traffic on every generator at once and merges what they measured. */
  async typing(options: { ratePerMember: number; warmupMs: number; durationMs: number; payloadBytes: number }): Promise<TypingRun> {
    const replies = await Promise.all(this.workers.map((w) => w.request({ op: 'typing', ...options })));
    const results = replies.map((r) => r.typing!);
    return {
      sent: results.reduce((sum, r) => sum + r.sent, 0),
      received: results.reduce((sum, r) => sum + r.received, 0),
      receivedInWindow: results.reduce((sum, r) => sum + r.receivedInWindow, 0),
      histogram: mergeEncoded(results.map((r) => r.histogram)),
      closes: mergeCloses(results.map((r) => r.closes)),
    };
  }

  /** Connections the relays closed so far and hellos retried after a close before welcome, over every generator. */
  async closes(): Promise<{ closes: CloseCounts; retried: CloseCounts }> {
    const replies = await Promise.all(this.workers.map((w) => w.request({ op: 'closes' })));
    return { closes: mergeCloses(replies.map((r) => r.closes ?? {})), retried: mergeCloses(replies.map((r) => r.retried ?? {})) };
  }

  /** Every generator watches its sessions with a member on cluster node `dead` (about to be killed; `ports` by node). */
  async armFailover(dead: number, ports: number[]): Promise<void> {
    await Promise.all(this.workers.map((w) => w.request({ op: 'failover-arm', dead, ports })));
  }

  /** After the kill at `killedAt` (wall-clock ms): every generator's members come back, or `timeoutMs` runs out. */
  async failover(killedAt: number, timeoutMs: number): Promise<FailoverResult> {
    const replies = await Promise.all(this.workers.map((w) => w.request({ op: 'failover', killedAt, timeoutMs })));
    const results = replies.map((r) => r.failover!);
    return {
      ownerLostMs: results.flatMap((r) => r.ownerLostMs),
      ownerLivedMs: results.flatMap((r) => r.ownerLivedMs),
      neverBack: mergeCloses(results.map((r) => r.neverBack)),
      tracked: results.reduce((sum, r) => sum + r.tracked, 0),
      droppedToo: results.reduce((sum, r) => sum + r.droppedToo, 0),
      attempts: results.reduce((sum, r) => sum + r.attempts, 0),
    };
  }

  /** Closes every session; the next ones are numbered from 0 again (a cluster's placement goes by that number). */
  async closeAll(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.request({ op: 'close-all' })));
    for (const w of this.workers) w.sessions = 0;
    this.nextSession = 0;
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
  }
}

/** Adds up close counts from several generators. */
export function mergeCloses(all: readonly CloseCounts[]): CloseCounts {
  const merged: CloseCounts = {};
  for (const counts of all) for (const [key, n] of Object.entries(counts)) merged[key] = (merged[key] ?? 0) + n;
  return merged;
}

/** "4008 rate-limited ×3, 1006 ×1", or "" when nothing closed. */
export function describeCloses(closes: CloseCounts): string {
  return Object.entries(closes)
    .map(([key, n]) => `${key} ×${n}`)
    .join(', ');
}

export type { StreamResult };
