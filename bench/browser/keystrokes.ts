import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { probeArrivals, startKeystrokeProbe, stopKeystrokeProbe } from './page-probes';

/** Where a keystroke's character shows: a page and the DOM under a selector in it. */
export interface Screen {
  page: Page;
  selector: string;
}

/** Keystroke → character latencies, ms, on the typist's own screen and on each other screen. */
export interface KeystrokeSamples {
  own: number[];
  others: number[][];
  /** Keystrokes whose character never showed on some other screen within the wait. */
  missing: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Latency of keystroke i: its character's arrival minus the keydown's own time stamp. */
export function pairLatencies(keydowns: readonly number[], arrivals: readonly number[]): number[] {
  const n = Math.min(keydowns.length, arrivals.length);
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) latencies.push(arrivals[i]! - keydowns[i]!);
  return latencies;
}

/**
 * Types `count` copies of `char` into the focused element of `typist.page`, one every
 * `intervalMs` (a cadence: a slow press does not delay the keys after it), and records when each shows on the typist's own screen (when
 * `typist.selector` matches anything) and on every other screen.
 */
export async function typeAndMeasure(typist: Screen, others: readonly Screen[], count: number, intervalMs: number, char = 'x'): Promise<KeystrokeSamples> {
  await typist.page.evaluate(startKeystrokeProbe, { selector: typist.selector, char });
  for (const other of others) if (other.page !== typist.page) await other.page.evaluate(startKeystrokeProbe, { selector: other.selector, char });
  // Keys on a fixed cadence: a slow key press (a busy page) does not stretch the gaps after it.
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + i * intervalMs - performance.now();
    if (due > 0) await sleep(due);
    await typist.page.keyboard.press(char);
  }
  // Let late characters arrive: under a flood they may be seconds behind.
  const deadline = performance.now() + 30_000;
  for (const other of others) {
    while ((await other.page.evaluate(probeArrivals)) < count && performance.now() < deadline) await sleep(100);
  }
  const typed = await typist.page.evaluate(stopKeystrokeProbe);
  const seen = [];
  for (const other of others) seen.push(other.page === typist.page ? typed : await other.page.evaluate(stopKeystrokeProbe));
  const others_ = seen.map((state) => pairLatencies(typed.keydowns, state.arrivals));
  const dumpDir = process.env['BENCH_DEBUG_DIR'];
  if (dumpDir) writeFileSync(join(dumpDir, `keystrokes-${Date.now()}.json`), JSON.stringify({ typist: typist.selector, typed, seen }));
  return {
    own: pairLatencies(typed.keydowns, typed.arrivals),
    others: others_,
    missing: Math.max(0, ...others_.map((l) => typed.keydowns.length - l.length)),
  };
}
