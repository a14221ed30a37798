import * as hdr from 'hdr-histogram-js';

/**
 * Latency percentiles come from an HDR histogram, never from averages: a relay that is
 * fast on average and stalls one message in a hundred must show it at p99. Values are
 * recorded in microseconds from 1 µs to 60 s at three significant digits, so a
 * histogram encodes to a few hundred bytes and travels from a load-generator process
 * to the parent as base64.
 */
export type LatencyHistogram = hdr.Histogram;

const HIGHEST_MICROS = 60_000_000;

/** An empty histogram of microsecond latencies. */
export function latencyHistogram(): LatencyHistogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_MICROS, numberOfSignificantValueDigits: 3 });
}

/** Records one latency in milliseconds (clamped into the histogram's range). */
export function recordMs(histogram: LatencyHistogram, ms: number): void {
  const micros = Math.round(ms * 1000);
  histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, micros)));
}

/** The histogram as compressed base64, to send to another process. */
export function encodeHistogram(histogram: LatencyHistogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

/** Merges encoded histograms (from several load generators) into one. */
export function mergeEncoded(encoded: readonly string[]): LatencyHistogram {
  const merged = latencyHistogram();
  for (const text of encoded) merged.add(hdr.decodeFromCompressedBase64(text));
  return merged;
}

/** Percentiles a table shows, in milliseconds; undefined when nothing was recorded. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** p50 / p95 / p99 / max of a histogram in ms. */
export function summarize(histogram: LatencyHistogram): LatencySummary | undefined {
  if (histogram.totalCount === 0) return undefined;
  const ms = (percentile: number) => histogram.getValueAtPercentile(percentile) / 1000;
  return { count: histogram.totalCount, p50: ms(50), p95: ms(95), p99: ms(99), max: histogram.maxValue / 1000 };
}

/** Summary of plain millisecond samples (the browser benchmarks collect them in pages). */
export function summarizeSamples(samplesMs: readonly number[]): LatencySummary | undefined {
  const histogram = latencyHistogram();
  for (const sample of samplesMs) recordMs(histogram, sample);
  return summarize(histogram);
}

/** The median of a few samples (late joins: too few for a histogram to mean more). */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
