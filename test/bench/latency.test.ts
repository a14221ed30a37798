import { describe, expect, it } from 'vitest';
import { encodeHistogram, latencyHistogram, median, mergeEncoded, recordMs, summarize, summarizeSamples } from '../../bench/stats/latency';

describe('bench latency statistics', () => {
  it('reads percentiles from the histogram, so one slow message in a hundred shows at p99 and not in p50', () => {
    const samples = [...Array.from({ length: 99 }, () => 2), 250];
    const summary = summarizeSamples(samples)!;
    expect(summary.count).toBe(100);
    expect(summary.p50).toBeCloseTo(2, 2);
    expect(summary.p95).toBeCloseTo(2, 2);
    expect(summary.max).toBeCloseTo(250, 0);
    // An average would have said 4.48 ms for every one of them.
    expect(summary.p50).toBeLessThan(2.01);
  });

  it('keeps three significant digits across microseconds and seconds', () => {
    const summary = summarizeSamples([0.123, 0.123, 0.123, 4567])!;
    expect(summary.p50).toBeCloseTo(0.123, 3);
    expect(summary.max).toBeGreaterThan(4560);
    expect(summary.max).toBeLessThan(4575);
  });

  it('merges histograms sent from several load generators as if recorded in one', () => {
    const a = latencyHistogram();
    const b = latencyHistogram();
    for (let i = 0; i < 50; i++) recordMs(a, 1);
    for (let i = 0; i < 50; i++) recordMs(b, 9);
    const merged = mergeEncoded([encodeHistogram(a), encodeHistogram(b)]);
    const summary = summarize(merged)!;
    expect(summary.count).toBe(100);
    expect(summary.p50).toBeCloseTo(1, 2);
    expect(summary.p99).toBeCloseTo(9, 1);
  });

  it('says nothing rather than zero when nothing was recorded', () => {
    expect(summarize(latencyHistogram())).toBeUndefined();
    expect(summarizeSamples([])).toBeUndefined();
  });

  it('clamps latencies outside the histogram instead of throwing', () => {
    const histogram = latencyHistogram();
    recordMs(histogram, -5);
    recordMs(histogram, 10 * 60 * 1000);
    expect(histogram.totalCount).toBe(2);
    expect(summarize(histogram)!.max).toBeLessThanOrEqual(60_100);
  });

  it('takes the median of a few late joins, odd or even in number', () => {
    expect(median([300, 100, 200])).toBe(200);
    expect(median([400, 100, 300, 200])).toBe(250);
    expect(median([])).toBeUndefined();
  });
});
