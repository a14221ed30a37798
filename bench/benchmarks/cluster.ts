import { LoadPool, describeCloses } from '../load/pool';
import type { CloseCounts, FailoverResult } from '../load/messages';
import { membersPerNode, placeSession, type Placement } from '../load/placement';
import type { RelayTarget } from '../load/target';
import { typingRun, type TypingPoint } from '../load/typing-run';
import { duration, kib, mib, ms, num } from '../report/format';
import type { Section } from '../report/section';
import { loadAverage } from '../machine';
import type { RelayMemory } from '../relays/child';
import { nodeName, startDuetCluster, type DuetCluster } from '../relays/cluster';
import { duetRelayCommandLine } from '../relays/duet';
import { LOAD_FLAGS, startRelay } from '../relays/index';
import { summarizeSamples } from '../stats/latency';
import type { BenchContext, Benchmark } from './context';
import { flagText } from './traffic';

/** Issue 8: three nodes and Redis. */
const NODES = 3;
/** The node the failover table kills (node c). */
const DEAD = 2;
/** Cross-node adds at most this at p99 (issue 8). */
const CROSS_NODE_P99_MS = 1;
/** A killed node's members exchange again within this at p99 (issue 8). */
const BACK_P99_MS = 3000;

/** The load benchmarks' lifted limits, for every node (the cluster counts per-address limits in Redis). */
const CLUSTER_FLAGS = LOAD_FLAGS;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SpreadFigures {
  sessions: number;
  perNode: number[];
  /** duet_relay_connections of each node when the memory was read. */
  open: (number | undefined)[];
  loadAtStart: number[];
  setupSeconds: number;
  idle: RelayMemory[];
  loaded: RelayMemory[];
  redisIdle: number;
  redisLoaded: number;
}

/**
 * The relay as a cluster (issue 8's "Measure"): three Duet nodes joined by a real
 * redis-server that the bench starts and stops, each table on a fresh cluster. (1) hop
 * latency of typing traffic with both members on one node and with host and guest on two
 * nodes, and a single relay without Redis as the floor; (2) 20,000 connections spread over
 * the nodes: memory per node after GC, Redis's memory, how fast they were set up; (3) one
 * node SIGKILLed: how long until each of its members exchanges with its peer again.
 */
export const cluster: Benchmark = {
  id: 'cluster',
  title: 'relay cluster (3 nodes + Redis)',
  async run(ctx) {
    // One pool of load generators for every table (each table gets a fresh cluster).
    const pool = new LoadPool(ctx.config.loadWorkers);
    try {
      // Each table is printed as soon as it is measured; the longest (20,000 connections) runs last.
      ctx.report(hopSection(ctx, await hopLatency(ctx, pool)));
      ctx.report(failoverSection(ctx, await killOneNode(ctx, pool)));
      ctx.report(spreadSection(ctx, await spreadOverNodes(ctx, pool)));
      return [];
    } finally {
      await pool.stop();
    }
  },
};

function clusterTarget(cluster: DuetCluster, placement: Placement): RelayTarget {
  return { kind: 'duet', port: cluster.nodes[0]!.port, cluster: { ports: cluster.nodes.map((node) => node.port), placement } };
}

/** What went wrong on the way in one cluster's table (nothing, in a healthy run). */
interface ClusterHealth {
  /** Connections the nodes closed while the table ran, by code. */
  closes: CloseCounts;
  /** Hellos the generators retried after a close before welcome, by code. */
  retried: CloseCounts;
  /** Per node: how often it took another node for dead (its `cluster node gone` warnings). */
  nodeGone: number[];
}

/** Runs `body` on a fresh cluster; the pool's sessions are closed and the cluster stopped after. */
async function withCluster<T>(pool: LoadPool, body: (cluster: DuetCluster) => Promise<T>): Promise<T & { health: ClusterHealth }> {
  const cluster = await startDuetCluster(NODES, CLUSTER_FLAGS);
  try {
    const before = await pool.closes();
    const value = await body(cluster);
    const after = await pool.closes();
    const nodeGone = cluster.nodes.map((node) => node.complaints.filter((line) => line.includes('cluster node gone')).length);
    return { ...value, health: { closes: since(after.closes, before.closes), retried: since(after.retried, before.retried), nodeGone } };
  } finally {
    await pool.closeAll();
    await cluster.stop();
  }
}

function since(after: CloseCounts, before: CloseCounts): CloseCounts {
  const diff: CloseCounts = {};
  for (const [key, n] of Object.entries(after)) if (n - (before[key] ?? 0) > 0) diff[key] = n - (before[key] ?? 0);
  return diff;
}

/** The notes that say what went wrong on the way, if anything did. */
function healthNotes(label: string, health: ClusterHealth, expectedGone = ''): string[] {
  const notes: string[] = [];
  const closes = describeCloses(health.closes);
  const retried = describeCloses(health.retried);
  if (closes !== '') notes.push(`${label}: connections the nodes closed: ${closes}`);
  if (retried !== '') notes.push(`${label}: hellos retried with the app's backoff after a close before welcome: ${retried}`);
  const gone = health.nodeGone.map((n, i) => (n > 0 ? `${nodeName(i)} ×${n}` : '')).filter((t) => t !== '');
  if (gone.length > 0) notes.push(`${label}: nodes that took another node for dead ("cluster node gone": its liveness key expired, 1.5 s TTL): ${gone.join(', ')}${expectedGone}`);
  return notes;
}

// ------------------------------------------------------------------ 1. hop latency

interface HopFigures {
  single: TypingPoint;
  oneNode: TypingPoint & { health: ClusterHealth };
  across: TypingPoint & { health: ClusterHealth };
}

async function hopLatency(ctx: BenchContext, pool: LoadPool): Promise<HopFigures> {
  const { cluster: load, typing } = ctx.config;
  const options = { ratePerMember: typing.ratePerMember, payloadBytes: typing.payloadBytes, warmupMs: load.warmupMs, durationMs: load.durationMs };
  ctx.progress(`cluster: single relay at ${num(load.hopSessions)} sessions`);
  const relay = await startRelay('duet');
  let single: TypingPoint;
  try {
    await pool.setSessions(relay.target, load.hopSessions);
    single = await typingRun(relay, pool, options);
  } finally {
    await pool.closeAll();
    await relay.process.stop();
  }
  const onCluster = (placement: Placement) =>
    withCluster(pool, async (cluster) => {
      ctx.progress(`cluster: ${placement} at ${num(load.hopSessions)} sessions`);
      await pool.setSessions(clusterTarget(cluster, placement), load.hopSessions);
      const all = { cpuSeconds: () => cluster.cpuSeconds(), rssBytes: () => cluster.nodes.reduce((sum, node) => sum + node.rssBytes(), cluster.redis.rssBytes()) };
      return typingRun({ process: all }, pool, options);
    });
  const oneNode = await onCluster('one-node');
  const across = await onCluster('across');
  return { single, oneNode, across };
}

function hopSection(ctx: BenchContext, hop: HopFigures): Section {
  const { cluster: load, typing } = ctx.config;
  const points = [hop.single, hop.oneNode, hop.across];
  const row = (figure: string, pick: (p: TypingPoint) => number | undefined, format: (v: number | undefined) => string, difference = true) => {
    const [, one, across] = points.map(pick);
    const diff = difference && one !== undefined && across !== undefined ? `${across - one >= 0 ? '+' : ''}${format(across - one)}` : '';
    return [figure, ...points.map((p) => format(pick(p))), diff];
  };
  const percent = (v: number | undefined) => (v === undefined ? '–' : `${num(v * 100, 1)} %`);
  const one99 = hop.oneNode.latency?.p99;
  const across99 = hop.across.latency?.p99;
  const added = one99 !== undefined && across99 !== undefined ? across99 - one99 : undefined;
  return {
    title: `8. Cluster: hop latency on one node and across nodes (${num(load.hopSessions)} sessions)`,
    load: [
      `${num(load.hopSessions)} sessions × 2 members, each sending ${typing.ratePerMember} doc frames/s of ${typing.payloadBytes + 9} bytes (header included), spread evenly, as in 1; ${(load.durationMs / 1000).toFixed(1)} s measured after ${(load.warmupMs / 1000).toFixed(1)} s warm-up`,
      `cluster: ${NODES} Duet nodes (a, b, c) + 1 redis-server, a fresh cluster per column; "one node": host and guest on node a; "across nodes": host on a, guest on b (every frame goes a → Redis stream → b and back)`,
      `${ctx.config.loadWorkers} load-generator processes, source addresses 127.0.0.10+; the single relay runs alone, before the clusters`,
    ],
    columns: [
      { title: 'figure' },
      { title: 'single relay (no Redis)', align: 'right' },
      { title: 'cluster, one node', align: 'right' },
      { title: 'cluster, across nodes', align: 'right' },
      { title: 'across − one node', align: 'right' },
    ],
    rows: [
      row('hop p50', (p) => p.latency?.p50, ms),
      row('hop p95', (p) => p.latency?.p95, ms),
      row('hop p99', (p) => p.latency?.p99, ms),
      row('hop max', (p) => p.latency?.max, ms),
      row('CPU per message (relay; cluster: 3 nodes + Redis)', (p) => p.cpuMicrosPerMessage, (v) => (v === undefined ? '–' : `${num(v, 1)} µs`)),
      row('sent / offered', (p) => p.offeredShare, percent, false),
      row('delivered / sent', (p) => p.deliveredShare, percent, false),
    ],
    targets: [{ what: `cross-node adds ≤ ${CROSS_NODE_P99_MS} ms at p99 (across − one node)`, measured: added === undefined ? '–' : `${added >= 0 ? '+' : ''}${ms(added)}`, met: added === undefined ? undefined : added <= CROSS_NODE_P99_MS }],
    notes: [
      'hop = send by one member → receipt by the other, both in the same load-generator process (one clock); CPU = every process of the column (for a cluster: the three nodes and redis-server), /proc schedstat over the measured window, ÷ messages delivered in it',
      `Duet nodes: ${duetRelayCommandLine()} with ${flagText(CLUSTER_FLAGS)} --redis-url redis://127.0.0.1:<port> --node-id a|b|c --secret <shared>; redis-server ${'--save "" --appendonly no'}, a temp --dir`,
      ...healthNotes('one node', hop.oneNode.health),
      ...healthNotes('across nodes', hop.across.health),
    ],
  };
}

// ------------------------------------------------------------------ 2. connections over 3 nodes

async function spreadOverNodes(ctx: BenchContext, pool: LoadPool): Promise<SpreadFigures & { health: ClusterHealth }> {
  const sessions = ctx.config.cluster.spreadSessions;
  return withCluster(pool, async (cluster) => {
    const idle = await Promise.all(cluster.nodes.map((node) => node.memory()));
    const redisIdle = await cluster.redis.usedMemory();
    ctx.progress(`cluster: opening ${num(sessions)} sessions (${num(sessions * 2)} connections) over ${NODES} nodes`);
    const loadAtStart = loadAverage();
    const started = performance.now();
    await pool.setSessions(clusterTarget(cluster, 'spread'), sessions);
    const setupSeconds = (performance.now() - started) / 1000;
    // Let the last records reach Redis and a heartbeat refresh pass before measuring.
    await sleep(1500);
    const loaded = await Promise.all(cluster.nodes.map((node) => node.memory()));
    const redisLoaded = await cluster.redis.usedMemory();
    const open = await Promise.all(cluster.nodes.map((_, i) => cluster.metric(i, 'duet_relay_connections')));
    return { sessions, perNode: membersPerNode(sessions, 'spread', NODES), open, loadAtStart, setupSeconds, idle, loaded, redisIdle, redisLoaded };
  });
}

function spreadSection(ctx: BenchContext, s: SpreadFigures & { health: ClusterHealth }): Section {
  const connections = s.sessions * 2;
  // Per connection the node actually held (a member dropped on the way is not in its memory).
  const held = (i: number) => s.open[i] ?? s.perNode[i]!;
  const perConnection = (i: number, pick: (m: RelayMemory) => number) => (pick(s.loaded[i]!) - pick(s.idle[i]!)) / held(i);
  const heldAll = s.perNode.reduce((sum, _, i) => sum + held(i), 0);
  const nodeCells = (format: (i: number) => string) => s.perNode.map((_, i) => format(i));
  const sum = (pick: (m: RelayMemory) => number, memory: RelayMemory[]) => memory.reduce((total, m) => total + pick(m), 0);
  const redisPerSession = (s.redisLoaded - s.redisIdle) / s.sessions;
  const rate = connections / s.setupSeconds;
  return {
    title: `9. Cluster: ${num(connections)} connections (${num(s.sessions)} sessions) over ${NODES} nodes`,
    load: [
      `${num(s.sessions)} sessions of a host (create, auto-admit) and an admitted guest, idle; host on node (i mod 3), guest spread so each node holds a third of the hosts and of the guests and 1 session in 3 has both members on one node (as a balancer without stickiness spreads them)`,
      `opened by ${ctx.config.loadWorkers} load-generator processes, 32 sessions at a time each (host welcomed, then guest welcomed), from source addresses 127.0.0.10+; load average when the set-up began: ${s.loadAtStart.map((l) => l.toFixed(2)).join(' ')}`,
    ],
    columns: [{ title: 'figure' }, ...s.perNode.map((_, i) => ({ title: `node ${nodeName(i)}`, align: 'right' as const })), { title: 'Redis', align: 'right' }, { title: 'whole cluster', align: 'right' }],
    rows: [
      ['connections placed', ...nodeCells((i) => num(s.perNode[i])), '–', num(connections)],
      ['connections open when measured (/metrics)', ...nodeCells((i) => num(s.open[i])), '–', num(s.open.reduce<number>((a, b) => a + (b ?? 0), 0))],
      ['RSS with no connections (after GC)', ...nodeCells((i) => mib(s.idle[i]!.rss)), '–', mib(sum((m) => m.rss, s.idle))],
      [`RSS with ${num(connections)} connections (after GC)`, ...nodeCells((i) => mib(s.loaded[i]!.rss)), '–', mib(sum((m) => m.rss, s.loaded))],
      ['RSS per connection', ...nodeCells((i) => kib(perConnection(i, (m) => m.rss))), '–', kib((sum((m) => m.rss, s.loaded) - sum((m) => m.rss, s.idle)) / heldAll)],
      ['heap per connection', ...nodeCells((i) => kib(perConnection(i, (m) => m.heapUsed))), '–', kib((sum((m) => m.heapUsed, s.loaded) - sum((m) => m.heapUsed, s.idle)) / heldAll)],
      ['Redis used_memory, empty → loaded', ...nodeCells(() => '–'), `${mib(s.redisIdle)} → ${mib(s.redisLoaded)}`, ''],
      ['Redis used_memory per session', ...nodeCells(() => '–'), kib(redisPerSession), ''],
      ['time to set up every connection', ...nodeCells(() => '–'), '–', duration(s.setupSeconds)],
      ['connections set up per second', ...nodeCells(() => '–'), '–', `${num(rate)} /s`],
    ],
    targets: [],
    notes: [
      'issue 8 sets no target for these figures: they size a node (RSS per connection) and Redis (memory per session) for a deployment',
      'after GC: each node answers the bench over IPC with process.memoryUsage() after two gc() calls (--expose-gc, bench/relays/probe.mjs); RSS does not shrink much after GC, heap does; per connection = (loaded − no connections) ÷ connections open on that node',
      'Redis used_memory from INFO memory (its own count of what it allocated: session records, owner and code keys, per-address places, the three inbox streams, liveness keys); per session = (loaded − empty) ÷ sessions',
      'set-up rate = connections ÷ wall time from the first hello to the last welcome; each session is a create on the host\'s node, then a join (auto-admitted) on the guest\'s node, forwarded to the owner over Redis when the nodes differ',
      ...healthNotes('set-up and idle', s.health),
    ],
  };
}

// ------------------------------------------------------------------ 3. a node SIGKILLed

interface FailoverFigures {
  sessions: number;
  perNode: number[];
  result: FailoverResult;
  timeoutMs: number;
  killedLoad: number[];
}

async function killOneNode(ctx: BenchContext, pool: LoadPool): Promise<FailoverFigures & { health: ClusterHealth }> {
  const { killSessions: sessions, killTimeoutMs: timeoutMs } = ctx.config.cluster;
  return withCluster(pool, async (cluster) => {
    ctx.progress(`cluster: ${num(sessions)} sessions over ${NODES} nodes, then SIGKILL node ${nodeName(DEAD)}`);
    await pool.setSessions(clusterTarget(cluster, 'spread'), sessions);
    // Records in Redis, a few heartbeats: the cluster at rest before the crash.
    await sleep(1500);
    await pool.armFailover(DEAD, cluster.nodes.map((node) => node.port));
    const killedLoad = loadAverage();
    const killedAt = performance.timeOrigin + performance.now();
    await cluster.nodes[DEAD]!.kill();
    const result = await pool.failover(killedAt, timeoutMs);
    return { sessions, perNode: membersPerNode(sessions, 'spread', NODES), result, timeoutMs, killedLoad };
  });
}

function failoverSection(ctx: BenchContext, f: FailoverFigures & { health: ClusterHealth }): Section {
  const back = [...f.result.ownerLostMs, ...f.result.ownerLivedMs];
  const all = summarizeSamples(back);
  const ownerLost = summarizeSamples(f.result.ownerLostMs);
  const ownerLived = summarizeSamples(f.result.ownerLivedMs);
  const never = Object.values(f.result.neverBack).reduce((a, b) => a + b, 0);
  const line = (label: string, summary: ReturnType<typeof summarizeSamples>, n: number) => [
    label,
    num(n),
    ms(summary?.p50),
    ms(summary?.p95),
    ms(summary?.p99),
    ms(summary?.max),
  ];
  const dead = nodeName(DEAD);
  const owned = Array.from({ length: f.sessions }, (_, i) => i).filter((i) => placeSession(i, 'spread', NODES)[0] === DEAD).length;
  return {
    title: `10. Cluster: node ${dead} SIGKILLed — time until its members exchange with their peers again`,
    load: [
      `${num(f.sessions)} sessions spread over ${NODES} nodes as in 9 (node ${dead}: ${num(f.perNode[DEAD])} of ${num(f.sessions * 2)} members, owner of ${num(owned)} sessions); SIGKILL to node ${dead}'s pid at t = 0 (load average then ${f.killedLoad.map((l) => l.toFixed(2)).join(' ')})`,
      `each member that loses its socket reconnects as the app's session client does (src/shared/session-client: backoff 125–250 ms, doubling, equal jitter, at most 5 s) to a surviving node (as a balancer that has marked ${dead} down) and sends hello intent resume with its token; from t = 0 connected members probe their peer with a doc frame every ${200} ms and answer its probes`,
    ],
    columns: [
      { title: `node ${dead}'s members`, align: 'left' },
      { title: 'n', align: 'right' },
      { title: 'p50', align: 'right' },
      { title: 'p95', align: 'right' },
      { title: 'p99', align: 'right' },
      { title: 'max', align: 'right' },
    ],
    rows: [
      line('all: kill → a frame each way with their peer', all, back.length),
      line(`whose session node ${dead} owned (host there: takeover from the record)`, ownerLost, f.result.ownerLostMs.length),
      line('whose session another node owned', ownerLived, f.result.ownerLivedMs.length),
    ],
    targets: [
      { what: `kill → every member of the node exchanging again, p99 < ${BACK_P99_MS / 1000} s`, measured: all === undefined ? '–' : ms(all.p99), met: all === undefined ? undefined : all.p99 < BACK_P99_MS },
      { what: 'members that never came back = 0', measured: `${num(never)} of ${num(f.result.tracked)}${never > 0 ? ` (${describeCloses(f.result.neverBack)})` : ''}`, met: never === 0 },
    ],
    notes: [
      `"exchanging": the member and its peer, each on whatever node it is on now, have each received a frame the other sent after the kill (a probe one way, its answer the other); timed on the wall clock (performance.timeOrigin + now) in the load generator; a member that did not within ${duration(f.timeoutMs / 1000)} counts as never back`,
      `members of other nodes that had to reconnect too (their session's owner was node ${dead}; their node closes them 4013 once ${dead}'s liveness key expires, ≤ 1.5 s): ${num(f.result.droppedToo)}; reconnect attempts in all: ${num(f.result.attempts)}`,
      'the first member of an orphaned session to resume makes its node claim the session (compare-and-set on the owner key) once the dead owner\'s liveness key has expired, and rebuild it from its record in Redis',
      ...healthNotes('set-up, kill and failover', f.health, ` (expected: each survivor once, for ${nodeName(DEAD)})`),
    ],
  };
}
