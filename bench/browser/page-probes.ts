/**
 * Functions that run inside pages (handed to page.evaluate, so each must be
 * self-contained). Times are `performance.timeOrigin + …`: one clock for every page of
 * the browser, so a keystroke in one page and its character in another compare directly.
 */

/**
 * tsx compiles the bench with esbuild's keepNames, which wraps functions in a `__name`
 * helper that pages do not have; every page the bench opens gets a stand-in first
 * (`context.addInitScript(PAGE_HELPERS)`), so the functions below survive serialization.
 */
export const PAGE_HELPERS = 'globalThis.__name = globalThis.__name || ((target) => target);';

interface ProbeState {
  keydowns: number[];
  arrivals: number[];
}
type ProbeWindow = Window & { benchProbe?: { state: ProbeState; stop(): void }; benchLastClick?: number; benchJoin?: { doc?: number; terminal?: number } };

/**
 * Starts recording, in this page: when each `char` keydown happened (the event's own time
 * stamp, so a busy page's input queue counts) and when each new `char` appeared in the DOM
 * under `selector` (a MutationObserver counts them, so the n-th arrival is the n-th key).
 */
export function startKeystrokeProbe(args: { selector: string; char: string }): void {
  const w = window as ProbeWindow;
  w.benchProbe?.stop();
  const count = (): number => {
    let n = 0;
    for (const element of document.querySelectorAll(args.selector)) {
      const text = element.textContent ?? '';
      for (let i = text.indexOf(args.char); i !== -1; i = text.indexOf(args.char, i + 1)) n++;
    }
    return n;
  };
  const state: ProbeState = { keydowns: [], arrivals: [] };
  let seen = count();
  const onKey = (event: KeyboardEvent) => {
    if (event.key === args.char) state.keydowns.push(performance.timeOrigin + event.timeStamp);
  };
  window.addEventListener('keydown', onKey, true);
  const observer = new MutationObserver(() => {
    const n = count();
    if (n <= seen) return;
    const at = performance.timeOrigin + performance.now();
    for (; seen < n; seen++) state.arrivals.push(at);
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  w.benchProbe = {
    state,
    stop() {
      observer.disconnect();
      window.removeEventListener('keydown', onKey, true);
    },
  };
}

/** How many characters the probe has seen arrive. */
export function probeArrivals(): number {
  return (window as ProbeWindow).benchProbe?.state.arrivals.length ?? 0;
}

/** Stops the probe and returns what it recorded. */
export function stopKeystrokeProbe(): ProbeState {
  const probe = (window as ProbeWindow).benchProbe;
  probe?.stop();
  return probe?.state ?? { keydowns: [], arrivals: [] };
}

/** Stamps every click (capture phase) so the host's Admit has a time on the shared clock. */
export function stampClicks(): void {
  const w = window as ProbeWindow;
  document.addEventListener('click', () => (w.benchLastClick = performance.timeOrigin + performance.now()), true);
}

/** The last stamped click. */
export function lastClick(): number | undefined {
  return (window as ProbeWindow).benchLastClick;
}

/**
 * In a joiner's page: checks every animation frame whether the whole document is in its
 * editor (and line 1 on screen) and its terminal shows the host's screen; records when each first holds.
 */
export function watchLateJoin(args: { docLength: number; firstLine: string; screen: string }): void {
  const w = window as ProbeWindow & { duetDebug?: { getCode?(): string; terminalText?(): string } };
  const marks: { doc?: number; terminal?: number } = {};
  w.benchJoin = marks;
  const normalize = (text: string) =>
    text
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trimEnd();
  const want = normalize(args.screen);
  const check = () => {
    const now = performance.timeOrigin + performance.now();
    const debug = w.duetDebug;
    if (marks.doc === undefined && debug?.getCode?.().length === args.docLength) {
      const lines = document.querySelector('.monaco-editor .view-lines')?.textContent ?? '';
      if (lines.includes(args.firstLine)) marks.doc = now;
    }
    if (marks.terminal === undefined && typeof debug?.terminalText === 'function' && normalize(debug.terminalText()) === want) marks.terminal = now;
    if (marks.doc === undefined || marks.terminal === undefined) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** What watchLateJoin recorded so far. */
export function lateJoinMarks(): { doc?: number; terminal?: number } {
  return (window as ProbeWindow).benchJoin ?? {};
}
