import { LoadWorker, describeCloses, mergeCloses, type StreamResult } from '../load/pool';
import { RELAY_KINDS, RELAY_LABELS, type RelayKind } from '../load/target';
import { comparisonColumns, comparisonRow } from '../report/compare';
import { mib, num, ratioValue } from '../report/format';
import type { Section } from '../report/section';
import { duetRelayCommandLine, type DuetRelayFlags } from '../relays/duet';
import { LOAD_FLAGS, startRelay } from '../relays/index';
import { rssPeakSampler } from '../relays/proc';
import type { BenchContext, Benchmark } from './context';
import { flagText } from './traffic';

/**
 * The throughput cells lift Duet's per-connection pacing (data frames and bytes per second)
 * so they measure the relay's forwarding, not its budget; the last cell runs at the defaults.
 */
const STREAM_FLAGS: DuetRelayFlags = {
  ...LOAD_FLAGS,
  'messages-per-second': 1_000_000,
  'message-burst': 1_000_000,
  'frames-per-second': 1_000_000,
  'frame-burst': 1_000_000,
  'bytes-per-second': 100_000_000_000,
  'byte-burst': 100_000_000_000,
};
/** A paused guest must cost the relay less than this much memory. */
const PAUSED_BUDGET = 16 * 2 ** 20;

interface Scenario {
  label: string;
  active: number;
  paused: number;
}

interface StreamPoint {
  perGuestMBps: number;
  slowestGuestMBps: number;
  cpuMsPerMB: number;
  rssGrowth: number;
  result: StreamResult;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One stream: a fresh relay, the host in one generator process, the guests in another. */
async function streamOnce(ctx: BenchContext, kind: RelayKind, scenario: Scenario, flags: DuetRelayFlags): Promise<StreamPoint> {
  const { frameBytes, warmupMs, durationMs } = ctx.config.stream;
  const relay = await startRelay(kind, flags);
  const hostSide = new LoadWorker(0);
  const guestSide = new LoadWorker(1);
  try {
    const { room } = await hostSide.request({ op: 'stream-host', target: relay.target, index: 1 });
    await guestSide.request({ op: 'stream-guests', target: relay.target, room: room!, active: scenario.active, paused: scenario.paused });
    await sleep(200);
    const rssBefore = relay.process.rssBytes();
    const peak = rssPeakSampler(relay.process.pid);
    const cpuWindow = (async () => {
      await sleep(warmupMs);
      const before = relay.process.cpuSeconds();
      await sleep(durationMs);
      return relay.process.cpuSeconds() - before;
    })();
    const [host, guests, cpu] = await Promise.all([
      hostSide.request({ op: 'stream', warmupMs, durationMs, frameBytes }),
      guestSide.request({ op: 'stream', warmupMs, durationMs, frameBytes }),
      cpuWindow,
    ]);
    const rssGrowth = peak.stop() - rssBefore;
    const guestBytes = guests.stream!.guestBytes;
    const seconds = durationMs / 1000;
    const hostMB = host.stream!.hostBytes / 1e6;
    const result: StreamResult = {
      ...host.stream!,
      guestBytes,
      closes: mergeCloses([host.stream!.closes, guests.stream!.closes]),
    };
    return {
      perGuestMBps: guestBytes.reduce((a, b) => a + b, 0) / guestBytes.length / 1e6 / seconds,
      slowestGuestMBps: Math.min(...guestBytes) / 1e6 / seconds,
      cpuMsPerMB: hostMB > 0 ? (cpu * 1000) / hostMB : Number.NaN,
      rssGrowth,
      result,
    };
  } finally {
    await hostSide.stop();
    await guestSide.stop();
    await relay.process.stop();
  }
}

export const stream: Benchmark = {
  id: 'stream',
  title: 'terminal stream',
  async run(ctx) {
    const { guests } = ctx.config.stream;
    const scenarios: Scenario[] = [
      { label: '1 guest', active: 1, paused: 0 },
      { label: `${guests} guests`, active: guests, paused: 0 },
      { label: `${guests} guests + 1 paused`, active: guests, paused: 1 },
    ];
    const results = new Map<string, Record<RelayKind, StreamPoint>>();
    for (const scenario of scenarios) {
      const row = {} as Record<RelayKind, StreamPoint>;
      for (const kind of RELAY_KINDS) {
        ctx.progress(`stream: ${RELAY_LABELS[kind]}, ${scenario.label}`);
        row[kind] = await streamOnce(ctx, kind, scenario, STREAM_FLAGS);
      }
      results.set(scenario.label, row);
    }
    ctx.progress('stream: Duet relay at its default message rate');
    const defaults = await streamOnce(ctx, 'duet', scenarios[0]!, LOAD_FLAGS);
    return [streamSection(ctx, scenarios, results, defaults)];
  },
};

function streamSection(ctx: BenchContext, scenarios: Scenario[], results: Map<string, Record<RelayKind, StreamPoint>>, defaults: StreamPoint): Section {
  const { frameBytes, durationMs, warmupMs } = ctx.config.stream;
  const rows: string[][] = [];
  const mbps = (v: number | undefined) => (v === undefined ? '–' : `${num(v, 1)} MB/s`);
  for (const scenario of scenarios) {
    const r = results.get(scenario.label)!;
    const pick = (f: (p: StreamPoint) => number) => Object.fromEntries(RELAY_KINDS.map((k) => [k, f(r[k])])) as Record<RelayKind, number>;
    rows.push(comparisonRow([scenario.label, 'MB/s per active guest'], pick((p) => p.perGuestMBps), mbps));
    if (scenario.active > 1) rows.push(comparisonRow([scenario.label, 'slowest active guest'], pick((p) => p.slowestGuestMBps), mbps));
    rows.push(comparisonRow([scenario.label, 'relay CPU per MB sent by the host'], pick((p) => p.cpuMsPerMB), (v) => (v === undefined ? '–' : `${num(v, 2)} ms`)));
    rows.push(comparisonRow([scenario.label, 'relay RSS growth (peak)'], pick((p) => p.rssGrowth), mib));
  }
  const many = results.get(scenarios[1]!.label)!;
  const paused = results.get(scenarios[2]!.label)!;
  const throughput = ratioValue(many.duet.perGuestMBps, many.bare.perGuestMBps);
  const pausedCost = paused.duet.rssGrowth - many.duet.rssGrowth;
  const closes = scenarios.flatMap((s) =>
    RELAY_KINDS.map((k) => [s.label, k, describeCloses(results.get(s.label)![k].result.closes)] as const).filter(([, , text]) => text !== ''),
  );
  const defaultCut = defaults.result.hostBytesBeforeClose;
  return {
    title: '4. Terminal stream',
    load: [
      `one host sends ${num(frameBytes / 1024)} KiB terminalOut frames whenever its queue is under 1 MiB (as fast as backpressure allows); guests read as fast as they can; the paused guest stops reading from its socket; ${(durationMs / 1000).toFixed(1)} s measured after ${(warmupMs / 1000).toFixed(1)} s`,
      'host and guests in two load-generator processes; a fresh relay process for each cell',
    ],
    columns: comparisonColumns(['guests', 'figure']),
    rows,
    targets: [
      { what: `terminal stream ≥ 1.0× bare (${scenarios[1]!.label}, per guest)`, measured: throughput === undefined ? '–' : `${throughput.toFixed(2)}×`, met: throughput === undefined ? undefined : throughput >= 1 },
      { what: 'a paused guest adds < 16 MB to the Duet relay (RSS growth with it − without it)', measured: mib(pausedCost), met: pausedCost < PAUSED_BUDGET },
    ],
    notes: [
      `Duet relay: ${duetRelayCommandLine()} with ${flagText(STREAM_FLAGS)}: the throughput cells measure forwarding, not the relay's per-connection budget`,
      defaultCut !== undefined
        ? `FINDING: at the default limits the Duet relay closed the streaming host (${describeCloses(defaults.result.closes)}) after ${mib(defaultCut)}: a host is disconnected for its own shell's output`
        : `at its default limits the Duet relay kept the streaming host connected for ${(durationMs / 1000).toFixed(1)} s, paced to ${num(defaults.perGuestMBps, 1)} MB/s to its guest${describeCloses(defaults.result.closes) ? ` (closes: ${describeCloses(defaults.result.closes)})` : ''}`,
      ...closes.map(([label, kind, text]) => `${RELAY_LABELS[kind]}, ${label}: closed ${text}`),
      'the bare relay queues everything for a paused reader (its RSS growth is that queue); Duet drops terminal output past its soft buffer and tells the guest to resync',
    ],
  };
}
