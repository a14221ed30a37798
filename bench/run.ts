/**
 * `npm run bench`: Duet's relay and app against a bare ws relay and Socket.IO rooms, in
 * the same run on this machine. Each benchmark prints a Markdown table with every relay's
 * figure, Duet's ratios, the load, the machine and the load average before it ran, and
 * its targets (met / missed). `--quick` runs everything at reduced load in under three
 * minutes; see docs/benchmarks.md for what each one measures.
 *
 *   npm run bench -- [--quick] [--only typing,memory,stream,cluster,browser]
 */
import { Command, InvalidArgumentError } from 'commander';
import { browser } from './benchmarks/browser';
import { cluster } from './benchmarks/cluster';
import type { BenchContext, Benchmark } from './benchmarks/context';
import { scale } from './benchmarks/scale';
import { stream } from './benchmarks/stream';
import { traffic } from './benchmarks/traffic';
import { benchConfig } from './config';
import { loadAverage, machineInfo, raiseFileLimit } from './machine';
import { duration, num } from './report/format';
import { machineLine, renderSection } from './report/section';

const BENCHMARKS: readonly Benchmark[] = [traffic, scale, stream, cluster, browser];

function benchmarkList(raw: string): string[] {
  const ids = raw.split(',').map((id) => id.trim());
  const known = BENCHMARKS.map((b) => b.id);
  for (const id of ids) if (!known.includes(id)) throw new InvalidArgumentError(`one or more of ${known.join(', ')}`);
  return ids;
}

const options = new Command('npm run bench --')
  .description('Duet against a bare ws relay and Socket.IO, in one run on this machine')
  .option('--quick', 'every benchmark at reduced load (under three minutes)', false)
  .option('--only <ids>', `run only these, comma-separated: ${BENCHMARKS.map((b) => `${b.id} (${b.title})`).join(', ')}`, benchmarkList)
  .parse()
  .opts<{ quick: boolean; only?: string[] }>();

async function main(): Promise<void> {
  const started = performance.now();
  const limits = raiseFileLimit();
  const machine = machineInfo();
  const config = benchConfig(options.quick);
  const ctx: BenchContext = {
    config,
    machine,
    fileLimit: limits.soft,
    progress: (text) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${text}\n`),
    report: (section) => console.log(renderSection(section, machine, loadBefore)),
  };
  console.log(`# npm run bench${options.quick ? ' -- --quick' : ''} — ${new Date().toISOString()}`);
  console.log(`machine: ${machineLine(machine)}`);
  console.log(
    `open-file limit: ${num(limits.soft)}${limits.raisedFrom !== undefined ? ` (raised from ${num(limits.raisedFrom)})` : ''}, hard ${num(limits.hard)}; load average at start: ${loadAverage().map((l) => l.toFixed(2)).join(' ')}`,
  );
  let failed = 0;
  // The load average before the benchmark now running (printed with each of its tables).
  let loadBefore = loadAverage();
  for (const benchmark of BENCHMARKS) {
    if (options.only !== undefined && !options.only.includes(benchmark.id)) continue;
    loadBefore = loadAverage();
    const benchStarted = performance.now();
    ctx.progress(`${benchmark.title}: starting (load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')})`);
    try {
      const sections = await benchmark.run(ctx);
      for (const section of sections) console.log(renderSection(section, machine, loadBefore));
      console.log(`\n(${benchmark.title}: ${duration((performance.now() - benchStarted) / 1000)})`);
    } catch (error) {
      // One benchmark failing (a browser that will not start, a relay that dies) must not hide the others' tables.
      failed++;
      console.log(`\n## ${benchmark.title}: FAILED\n\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  console.log(`\nwhole run: ${duration((performance.now() - started) / 1000)}${options.quick ? ' (--quick)' : ''}; load average at the end: ${loadAverage().map((l) => l.toFixed(2)).join(' ')}`);
  if (failed > 0) process.exitCode = 1;
}

await main();
