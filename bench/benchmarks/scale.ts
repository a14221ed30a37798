import { LoadPool } from '../load/pool';
import { RELAY_KINDS, RELAY_LABELS, type RelayKind } from '../load/target';
import { typingRun, type TypingPoint } from '../load/typing-run';
import { comparisonColumns, comparisonRow } from '../report/compare';
import { kib, mib, num, ratioValue } from '../report/format';
import type { Section } from '../report/section';
import type { RelayMemory } from '../relays/child';
import { duetRelayCommandLine } from '../relays/duet';
import { LOAD_FLAGS, startRelay } from '../relays/index';
import type { BenchContext, Benchmark } from './context';
import { flagText } from './traffic';

/** Per-session cost is "flat" when the large load costs at most this much more per session or connection. */
const FLAT = 1.25;

interface RelayScale {
  none: RelayMemory;
  small: RelayMemory;
  large: RelayMemory;
  smallTyping: TypingPoint;
  largeTyping: TypingPoint;
}

/**
 * Benchmarks 3 and 7 share a fresh relay each: its memory with no connections, with the
 * small load's sessions idle, then typing at the small load; then the large load's
 * sessions idle, then typing at the large load with the same total message rate (so CPU
 * per message compares work per session, not a busier relay).
 */
export const scale: Benchmark = {
  id: 'memory',
  title: 'idle memory and cost growth',
  async run(ctx) {
    const { small, durationMs } = ctx.config.scale;
    const large = largeSessions(ctx);
    const results = {} as Record<RelayKind, RelayScale>;
    for (const kind of RELAY_KINDS) {
      const relay = await startRelay(kind);
      const pool = new LoadPool(ctx.config.loadWorkers);
      try {
        const none = await relay.process.memory();
        ctx.progress(`memory: ${RELAY_LABELS[kind]} with ${num(small)} idle sessions`);
        await pool.setSessions(relay.target, small);
        const smallMemory = await relay.process.memory();
        const rate = ctx.config.typing.ratePerMember;
        const smallTyping = await typingRun(relay, pool, { ...ctx.config.typing, durationMs });
        ctx.progress(`memory: ${RELAY_LABELS[kind]} with ${num(large)} idle sessions`);
        await pool.setSessions(relay.target, large);
        const largeMemory = await relay.process.memory();
        const largeTyping = await typingRun(relay, pool, { ...ctx.config.typing, durationMs, ratePerMember: (rate * small) / large });
        results[kind] = { none, small: smallMemory, large: largeMemory, smallTyping, largeTyping };
      } finally {
        await pool.stop();
        await relay.process.stop();
      }
    }
    return [memorySection(ctx, results, large), growthSection(ctx, results, large)];
  },
};

/** The large load, within the open-file limit a relay process gets (two sockets per session, plus its own files). */
function largeSessions(ctx: BenchContext): number {
  return Math.min(ctx.config.scale.large, Math.floor((ctx.fileLimit - 100) / 2));
}

const perConnection = (from: RelayMemory, to: RelayMemory, field: 'rss' | 'heapUsed', connections: number) => (to[field] - from[field]) / connections;

function memorySection(ctx: BenchContext, results: Record<RelayKind, RelayScale>, large: number): Section {
  const connections = large * 2;
  const pick = (f: (r: RelayScale) => number) => Object.fromEntries(RELAY_KINDS.map((k) => [k, f(results[k])])) as Record<RelayKind, number>;
  const heapPer = pick((r) => perConnection(r.none, r.large, 'heapUsed', connections));
  const rssPer = pick((r) => perConnection(r.none, r.large, 'rss', connections));
  const rssNone = pick((r) => r.none.rss);
  const heapRatio = ratioValue(heapPer.duet, heapPer.bare);
  const rssRatio = ratioValue(rssNone.duet, rssNone.bare);
  const capped = large < ctx.config.scale.large;
  return {
    title: `3. Idle memory at ${num(connections)} connections`,
    load: [`${num(large)} sessions of 2 admitted members each, idle; figures after two full GCs (--expose-gc), from process.memoryUsage() in the relay process`],
    columns: comparisonColumns(['figure']),
    rows: [
      comparisonRow(['heap per connection'], heapPer, kib),
      comparisonRow(['RSS per connection'], rssPer, kib),
      comparisonRow([`RSS at ${num(connections)} connections`], pick((r) => r.large.rss), mib),
      comparisonRow([`heap at ${num(connections)} connections`], pick((r) => r.large.heapUsed), mib),
      comparisonRow(['RSS with no connections'], rssNone, mib),
      comparisonRow(['heap with no connections'], pick((r) => r.none.heapUsed), mib),
    ],
    targets: [
      { what: 'heap per idle connection ≤ 1.25× bare', measured: heapRatio === undefined ? '–' : `${heapRatio.toFixed(2)}×`, met: heapRatio === undefined ? undefined : heapRatio <= 1.25 },
      { what: 'RSS with no connections ≤ 1.2× bare', measured: rssRatio === undefined ? '–' : `${rssRatio.toFixed(2)}×`, met: rssRatio === undefined ? undefined : rssRatio <= 1.2 },
    ],
    notes: [
      'per connection = (figure with the sessions − figure with none) ÷ connections; each relay in a fresh process; the measuring probe (bench/relays/probe.mjs) is loaded into all three the same way',
      `Duet relay: ${duetRelayCommandLine()}${duetRelayCommandLine().includes('tsx') ? ' (its RSS includes the TypeScript loader)' : ''}; heartbeats at the default interval`,
      ...(capped ? [`capped at ${num(connections)} connections (not ${num(ctx.config.scale.large * 2)}): the open-file limit of a relay process here is ${num(ctx.fileLimit)} and cannot be raised`] : []),
      `before the large load each relay had carried ${num(ctx.config.scale.small)} sessions of typing traffic for ${(ctx.config.scale.durationMs / 1000).toFixed(0)} s (see 7); heap is after GC, so this shows in RSS if anywhere`,
    ],
  };
}

function growthSection(ctx: BenchContext, results: Record<RelayKind, RelayScale>, large: number): Section {
  const { small } = ctx.config.scale;
  const pick = (f: (r: RelayScale) => number) => Object.fromEntries(RELAY_KINDS.map((k) => [k, f(results[k])])) as Record<RelayKind, number>;
  const cpuSmall = pick((r) => r.smallTyping.cpuMicrosPerMessage);
  const cpuLarge = pick((r) => r.largeTyping.cpuMicrosPerMessage);
  const heapSmall = pick((r) => perConnection(r.none, r.small, 'heapUsed', small * 2));
  const heapLarge = pick((r) => perConnection(r.none, r.large, 'heapUsed', large * 2));
  const growth = (a: Record<RelayKind, number>, b: Record<RelayKind, number>) =>
    Object.fromEntries(RELAY_KINDS.map((k) => [k, ratioValue(b[k], a[k])])) as Record<RelayKind, number | undefined>;
  const cpuGrowth = growth(cpuSmall, cpuLarge);
  const heapGrowth = growth(heapSmall, heapLarge);
  const x = (v: number | undefined) => (v === undefined ? '–' : `${v.toFixed(2)}×`);
  const rate = ctx.config.typing.ratePerMember;
  const us = (v: number | undefined) => (v === undefined ? '–' : `${num(v, 1)} µs`);
  return {
    title: `7. Cost growth: ${num(small)} → ${num(large)} sessions`,
    load: [
      `CPU per message at the same total rate: ${num(small)} sessions × 2 at ${rate} msg/s, then ${num(large)} sessions × 2 at ${num((rate * small) / large, 2)} msg/s (${num(small * 2 * rate)} msg/s either way), ${(ctx.config.scale.durationMs / 1000).toFixed(1)} s each`,
      'heap per idle connection from 3, at both loads',
    ],
    columns: comparisonColumns(['figure']),
    rows: [
      comparisonRow([`CPU per message, ${num(small)} sessions`], cpuSmall, us),
      comparisonRow([`CPU per message, ${num(large)} sessions`], cpuLarge, us),
      comparisonRow(['CPU per message growth'], cpuGrowth, x),
      comparisonRow([`heap per connection, ${num(small)} sessions`], heapSmall, kib),
      comparisonRow([`heap per connection, ${num(large)} sessions`], heapLarge, kib),
      comparisonRow(['heap per connection growth'], heapGrowth, x),
      comparisonRow([`hop p99, ${num(large)} sessions`], pick((r) => r.largeTyping.latency?.p99 ?? Number.NaN), (v) => (v === undefined ? '–' : `${num(v, 1)} ms`)),
    ],
    targets: [
      { what: `Duet CPU per message flat (growth ≤ ${FLAT}×, the bench's reading of "flat")`, measured: x(cpuGrowth.duet), met: cpuGrowth.duet === undefined ? undefined : cpuGrowth.duet <= FLAT },
      { what: `Duet heap per connection flat (growth ≤ ${FLAT}×)`, measured: x(heapGrowth.duet), met: heapGrowth.duet === undefined ? undefined : heapGrowth.duet <= FLAT },
    ],
    notes: [
      'growth = large-load figure ÷ small-load figure; the small load\'s per-connection heap carries more of the process\'s fixed warm-up, so a growth below 1× is expected',
      `Duet relay flags: ${flagText(LOAD_FLAGS)}`,
    ],
  };
}
