import { openBarePair } from '../browser/bare-session';
import { startDuetSession, type DuetSession } from '../browser/duet-session';
import { typeAndMeasure, type KeystrokeSamples } from '../browser/keystrokes';
import { measureLateJoins, type LateJoinSample } from '../browser/late-join';
import { focusEditor, focusTerminal, terminalBuffer, waitForTerminal } from '../browser/people';
import { ms, num } from '../report/format';
import type { Section } from '../report/section';
import type { TargetCheck } from '../report/table';
import { duetRelayCommandLine } from '../relays/duet';
import { median, summarizeSamples, type LatencySummary } from '../stats/latency';
import type { BenchContext, Benchmark } from './context';

const EDITOR = '.monaco-editor .view-lines';
const TERMINAL = '.xterm-rows';
const NOWHERE = '.bench-no-such-element';
/** Keystroke → other screen may cost this much more than the typist's own screen, at p95. */
const OTHER_SCREEN_BUDGET_MS = 3;
const FLOOD_P95_MS = 40;
const THROUGHPUT_TARGET_MBPS = 10;
const LATE_JOIN_TARGET_MS = 300;

interface Row {
  what: string;
  other: LatencySummary | undefined;
  own: LatencySummary | undefined;
  bare: LatencySummary | undefined;
  missing: number;
}

const sleep = (ms_: number) => new Promise((resolve) => setTimeout(resolve, ms_));

export const browser: Benchmark = {
  id: 'browser',
  title: 'in Chromium',
  async run(ctx) {
    const { samples, intervalMs } = ctx.config.browser;
    ctx.progress('browser: building if stale, starting relay, web shell and Chromium');
    const session = await startDuetSession();
    try {
      const { host, guest } = session;
      const measure = async (what: string, run: () => Promise<KeystrokeSamples>) => {
        ctx.progress(`browser: ${what}`);
        return run();
      };
      const editorHost = await measure('editor, host → guest', async () => {
        await focusEditor(host.page);
        return typeAndMeasure({ page: host.page, selector: EDITOR }, [{ page: guest.page, selector: EDITOR }], samples, intervalMs);
      });
      const editorGuest = await measure('editor, guest → host', async () => {
        await focusEditor(guest.page);
        return typeAndMeasure({ page: guest.page, selector: EDITOR }, [{ page: host.page, selector: EDITOR }], samples, intervalMs);
      });
      const terminalHost = await measure('terminal, host types', async () => {
        await focusTerminal(host.page);
        await host.page.keyboard.type('clear\n');
        await sleep(300);
        const result = await typeAndMeasure({ page: host.page, selector: TERMINAL }, [{ page: guest.page, selector: TERMINAL }], samples, intervalMs);
        await host.page.keyboard.press('Control+U');
        return result;
      });
      const terminalGuest = await measure('terminal, granted guest types', async () => {
        await focusTerminal(guest.page);
        await guest.page.keyboard.type('clear\n');
        await sleep(300);
        const result = await typeAndMeasure({ page: guest.page, selector: TERMINAL }, [{ page: host.page, selector: TERMINAL }], samples, intervalMs);
        await guest.page.keyboard.press('Control+U');
        return result;
      });

      const throughput = await terminalThroughput(ctx, session);

      // The same editor keystrokes while the host's terminal floods. `yes` runs until
      // stopped, so the flood lasts the whole measurement however fast it reaches the guest.
      ctx.progress('browser: editor under a host terminal flood (yes)');
      await focusTerminal(host.page);
      await host.page.keyboard.type('yes\n');
      await sleep(1000);
      await focusEditor(host.page);
      const floodHost = await typeAndMeasure({ page: host.page, selector: EDITOR }, [{ page: guest.page, selector: EDITOR }], samples, intervalMs);
      await focusEditor(guest.page);
      const floodGuest = await typeAndMeasure({ page: guest.page, selector: EDITOR }, [{ page: host.page, selector: EDITOR }], samples, intervalMs);
      await focusTerminal(host.page);
      await host.page.keyboard.press('Control+C');
      // No wait for the guest to catch up here: the bare pages come next and do not use
      // Duet, and the late join waits for its own marker on the guest's screen.

      ctx.progress('browser: bare ws pages (editor, terminal)');
      const bareEditor = await openBarePair(session.browser, 'editor');
      const bareEditorSamples = await typeAndMeasure({ page: bareEditor.sender, selector: EDITOR }, [{ page: bareEditor.receiver, selector: EDITOR }], samples, intervalMs);
      await bareEditor.close();
      const bareTerminal = await openBarePair(session.browser, 'terminal');
      const bareTerminalSamples = await typeAndMeasure({ page: bareTerminal.sender, selector: NOWHERE }, [{ page: bareTerminal.receiver, selector: TERMINAL }], samples, intervalMs);
      await bareTerminal.close();

      // `own: null`: the row has no own-screen figure to compare with.
      const row = (what: string, s: KeystrokeSamples, bare: KeystrokeSamples | undefined, own: number[] | null = s.own): Row => ({
        what,
        other: summarizeSamples(s.others[0]!),
        own: own === null ? undefined : summarizeSamples(own),
        bare: bare === undefined ? undefined : summarizeSamples(bare.others[0]!),
        missing: s.missing,
      });
      const rows: Row[] = [
        row('editor: host types → guest’s screen', editorHost, bareEditorSamples),
        row('editor: guest types → host’s screen', editorGuest, bareEditorSamples),
        row('terminal: host types → guest’s screen (own: host’s echo)', terminalHost, bareTerminalSamples),
        { what: 'terminal: granted guest types → its own echo', other: summarizeSamples(terminalGuest.own), own: summarizeSamples(terminalHost.own), bare: summarizeSamples(bareTerminalSamples.others[0]!), missing: terminalGuest.own.length < samples ? samples - terminalGuest.own.length : 0 },
        row('terminal: granted guest types → host’s screen', terminalGuest, undefined, null),
        row('editor under flood: host types → guest’s screen', floodHost, bareEditorSamples),
        row('editor under flood: guest types → host’s screen', floodGuest, bareEditorSamples),
      ];

      ctx.progress('browser: late joins');
      const joins = await measureLateJoins(session, { docLines: ctx.config.browser.docLines, scrollbackLines: ctx.config.browser.scrollbackLines, joins: ctx.config.browser.lateJoins });
      return [feelSection(ctx, rows, throughput), lateJoinSection(ctx, joins)];
    } finally {
      await session.close();
    }
  },
};

interface Throughput {
  megabytes: number;
  guestSeconds: number | undefined;
  hostSeconds: number | undefined;
}

/** `yes | head -c N` in the host's terminal: seconds until the marker after it shows on each screen. */
async function terminalThroughput(ctx: BenchContext, session: DuetSession): Promise<Throughput> {
  const { throughputMB, throughputTimeoutMs } = ctx.config.browser;
  ctx.progress(`browser: ${throughputMB} MB of terminal output, host pty → guest screen`);
  const { host, guest } = session;
  await focusTerminal(host.page);
  await host.page.keyboard.type('clear\n');
  await host.page.keyboard.type(`yes | head -c ${throughputMB * 1_000_000}; echo THRU$((1+1))DONE`);
  const started = performance.now();
  await host.page.keyboard.press('Enter');
  let hostSeconds: number | undefined;
  let guestSeconds: number | undefined;
  while (performance.now() - started < throughputTimeoutMs && guestSeconds === undefined) {
    await sleep(100);
    const elapsed = (performance.now() - started) / 1000;
    if (hostSeconds === undefined && /THRU2DONE/.test(await terminalBuffer(host.page))) hostSeconds = elapsed;
    if (/THRU2DONE/.test(await terminalBuffer(guest.page))) guestSeconds = elapsed;
  }
  if (guestSeconds === undefined) {
    // Stop it, so the late-join measurement that follows starts from a quiet terminal.
    await host.page.keyboard.press('Control+C');
    await host.page.keyboard.type('echo THRU$((2+2))STOP\n');
    await waitForTerminal(guest.page, /THRU4STOP/, 120_000);
  }
  return { megabytes: throughputMB, guestSeconds, hostSeconds };
}

const p = (s: LatencySummary | undefined) => (s === undefined ? '– / – / –' : `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`);

function feelSection(ctx: BenchContext, rows: Row[], throughput: Throughput): Section {
  const { samples, intervalMs } = ctx.config.browser;
  const over = (r: Row) => (r.other !== undefined && r.own !== undefined ? r.other.p95 - r.own.p95 : undefined);
  const table = rows.map((r) => [r.what, num(r.other?.count ?? 0), p(r.other), p(r.own), p(r.bare), over(r) === undefined ? '–' : `${over(r)! >= 0 ? '+' : ''}${num(over(r)!, 1)} ms`]);
  const guestMBps = throughput.guestSeconds === undefined ? undefined : throughput.megabytes / throughput.guestSeconds;
  const hostMBps = throughput.hostSeconds === undefined ? undefined : throughput.megabytes / throughput.hostSeconds;
  table.push([
    `terminal throughput: ${throughput.megabytes} MB, host pty → guest’s screen`,
    '1',
    throughput.guestSeconds === undefined ? `not done in ${ctx.config.browser.throughputTimeoutMs / 1000} s` : `${num(throughput.guestSeconds, 1)} s = ${num(guestMBps, 1)} MB/s`,
    throughput.hostSeconds === undefined ? '–' : `host’s screen: ${num(throughput.hostSeconds, 1)} s = ${num(hostMBps, 1)} MB/s`,
    '–',
    '',
  ]);
  const within = (r: Row): TargetCheck => {
    const extra = over(r);
    return { what: `${r.what}: ≤ own screen + ${OTHER_SCREEN_BUDGET_MS} ms at p95`, measured: extra === undefined ? '–' : `${extra >= 0 ? '+' : ''}${num(extra, 1)} ms`, met: extra === undefined ? undefined : extra <= OTHER_SCREEN_BUDGET_MS };
  };
  const flood = (r: Row): TargetCheck => ({ what: `${r.what}: p95 ≤ ${FLOOD_P95_MS} ms`, measured: ms(r.other?.p95), met: r.other === undefined ? undefined : r.other.p95 <= FLOOD_P95_MS });
  const missing = rows.filter((r) => r.missing > 0);
  return {
    title: '5. What a person feels, in Chromium',
    load: [
      `host in the web shell, guest in a browser on the relay's page (granted terminal input), both in one headless Chromium (/usr/bin/chromium) on loopback; ${samples} keystrokes per row, one every ${intervalMs} ms (plus the time a key press takes)`,
      'flood rows: `yes` runs in the host terminal for the whole measurement (then Ctrl-C); throughput: `yes | head -c N; echo marker`, timed from Enter until the marker shows',
    ],
    columns: [
      { title: 'measurement' },
      { title: 'n', align: 'right' },
      { title: 'Duet p50 / p95 / p99', align: 'right' },
      { title: 'typist’s own screen p50 / p95 / p99', align: 'right' },
      { title: 'bare ws pages p50 / p95 / p99', align: 'right' },
      { title: 'Duet − own at p95', align: 'right' },
    ],
    rows: table,
    targets: [
      within(rows[0]!),
      within(rows[1]!),
      within(rows[2]!),
      flood(rows[5]!),
      flood(rows[6]!),
      {
        what: `${throughput.megabytes} MB of terminal output to a browser guest ≥ ${THROUGHPUT_TARGET_MBPS} MB/s`,
        measured: guestMBps === undefined ? `< ${num(throughput.megabytes / (ctx.config.browser.throughputTimeoutMs / 1000), 2)} MB/s (not done in time)` : `${num(guestMBps, 1)} MB/s`,
        met: guestMBps === undefined ? false : guestMBps >= THROUGHPUT_TARGET_MBPS,
      },
    ],
    notes: [
      'latency = keydown (the event’s own time stamp, so time in a busy page’s input queue counts) → the character in the DOM (a MutationObserver counting it under .view-lines or .xterm-rows), on one clock (performance.timeOrigin) shared by all pages of the browser',
      'own screen: the typist’s own editor (local echo); for the terminal, the host’s own echo from its pty is the floor (a terminal has no local echo)',
      'bare ws pages: bench/pages/bare over bench/bare-relay.ts, the receiving page applying each change straight to a Monaco model or xterm.write (no Yjs, provider, session client or queues); the terminal baseline has no pty, so Duet’s terminal rows also carry the pty and shell echo',
      `Duet relay: ${duetRelayCommandLine()}; web shell: node --import tsx src/web/cli.ts`,
      ...missing.map((r) => `${r.what}: ${r.missing} keystroke(s) never showed on the other screen within 30 s`),
    ],
  };
}

function lateJoinSection(ctx: BenchContext, joins: LateJoinSample[]): Section {
  const { docLines, scrollbackLines } = ctx.config.browser;
  const docs = joins.flatMap((j) => (j.doc === undefined ? [] : [j.doc]));
  const terminals = joins.flatMap((j) => (j.terminal === undefined ? [] : [j.terminal]));
  const both = joins.flatMap((j) => (j.doc === undefined || j.terminal === undefined ? [] : [Math.max(j.doc, j.terminal)]));
  const all = (values: number[]) => values.map((v) => num(v, 0)).join(', ');
  const bothMedian = median(both);
  return {
    title: '6. Late join',
    load: [`a ${num(docLines)}-line document (pasted by the host) and \`seq 1 ${scrollbackLines}\` in the host's terminal; ${joins.length} joiners knock one after the other, each admitted by the host and gone before the next`],
    columns: [{ title: 'from the host’s Admit to …' }, { title: 'median', align: 'right' }, { title: 'every join (ms)' }],
    rows: [
      ['the whole document in the joiner’s editor, line 1 on screen', ms(median(docs)), all(docs)],
      ['the joiner’s terminal showing the host’s screen', ms(median(terminals)), all(terminals)],
      ['both', ms(bothMedian), all(both)],
    ],
    targets: [{ what: `late join ≤ ${LATE_JOIN_TARGET_MS} ms from Admit (median of both)`, measured: ms(bothMedian), met: bothMedian === undefined ? undefined : bothMedian <= LATE_JOIN_TARGET_MS }],
    notes: [
      'checked every animation frame in the joiner’s page (window.duetDebug, read-only): Y.Doc text length and line 1 in .view-lines; terminal screen text equal to the host’s, line ends trimmed',
      'the host’s and guests’ terminals keep 1,000 lines of scrollback (src/renderer/terminal/terminal-view.ts, src/host/host-limits.ts), so the joiner receives at most the last 1,000 of the 10,000 lines; the Admit time is the click’s capture-phase time stamp in the host’s page',
      ...(joins.length > both.length ? [`${joins.length - both.length} join(s) did not show both within 15 s`] : []),
    ],
  };
}
