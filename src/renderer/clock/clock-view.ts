import { DisposableStore } from '../../shared/lifecycle';
import type { SessionClient } from '../../shared/session-client';
import { h, type View } from '../ui/dom';
import type { Toasts } from '../ui/toasts';
import { formatClock, parseCountdown } from './clock-format';
import type { SessionClock } from './session-clock';
import './clock.css';

/** Often enough that everyone's clock turns over within a fifth of a second of the others'. */
const TICK_MS = 200;

export interface ClockViewOptions {
  clock: SessionClock;
  client: SessionClient;
  toasts: Toasts;
  /** Unix ms now (injected so the clock reads the same time source everywhere). */
  now?: () => number;
}

/**
 * The session clock everyone sees (elapsed since the session's start) and the countdown, if
 * the host set one; the host also gets the controls to set or cancel it. At zero everyone is
 * told (once per countdown); nothing is locked.
 */
export function clockView(options: ClockViewOptions): View {
  const { clock, client, toasts } = options;
  const now = options.now ?? (() => Date.now());
  const store = new DisposableStore();

  const elapsed = h('span', { class: 'session-clock', role: 'timer', 'aria-label': 'Session time', title: 'Time since the session started' });
  const countdown = h('span', { class: 'countdown', role: 'timer', 'aria-label': 'Countdown', hidden: true });
  const host = client.isHost ? countdownControls(clock, now, toasts) : undefined;
  const element = h('div', { class: 'clock' }, elapsed, countdown, host?.element);

  /** The countdown whose zero we already announced (or saw only after it had passed). */
  let announcedEnd: number | undefined;
  let seenRunning: number | undefined;

  const render = () => {
    const t = now();
    const started = clock.startedAt;
    setText(elapsed, started === undefined ? '–:––' : formatClock(t - started));
    const current = clock.countdown;
    countdown.hidden = current === undefined;
    host?.setRunning(current !== undefined);
    if (!current) return;
    const left = current.endsAt - t;
    // Rounded up: a countdown of 3 s reads 0:03, 0:02, 0:01, then "Time's up" at zero.
    setText(countdown, left > 0 ? `${formatClock(left + 999)} left` : "Time's up");
    countdown.dataset.state = left > 0 ? 'running' : 'expired';
    if (left > 0) seenRunning = current.endsAt;
    else if (announcedEnd !== current.endsAt && seenRunning === current.endsAt) {
      announcedEnd = current.endsAt;
      toasts.show("Time's up: the countdown reached zero", 'warn');
    }
  };

  const timer = window.setInterval(render, TICK_MS);
  store.add(() => window.clearInterval(timer));
  store.add(clock.onChange(render));
  if (client.isHost) {
    // The host dates the session on its first welcome; a resumed document keeps its start.
    const date = () => clock.start(now());
    store.add(client.on('welcome', date));
    if (client.state === 'open') date();
  }
  render();
  return {
    element,
    dispose: () => {
      store.dispose();
      element.remove();
    },
  };
}

/** The host's "Countdown" button and its small form (length, Start, Cancel). */
function countdownControls(clock: SessionClock, now: () => number, toasts: Toasts) {
  const length = h('input', { type: 'text', inputmode: 'numeric', 'aria-label': 'Countdown length', placeholder: 'm:ss or minutes', size: 8 });
  const start = h('button', { type: 'submit' }, 'Start countdown');
  const cancel = h('button', { type: 'button', hidden: true, onclick: () => clock.cancelCountdown() }, 'Cancel countdown');
  const form = h('form', { class: 'countdown-form', hidden: true, 'aria-label': 'Countdown' }, length, start, cancel);
  const toggle = h('button', { type: 'button', class: 'countdown-toggle', 'aria-expanded': 'false', onclick: () => show(Boolean(form.hidden)) }, 'Countdown');
  const show = (open: boolean) => {
    form.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) length.focus();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const ms = parseCountdown(length.value);
    if (ms === undefined) return toasts.show('Type a countdown such as 45 (minutes), 10:00 or 90s', 'warn');
    clock.setCountdown(ms, now());
    show(false);
  });
  form.addEventListener('keydown', (event) => event.key === 'Escape' && show(false));
  return {
    element: h('span', { class: 'countdown-controls' }, toggle, form),
    setRunning(running: boolean) {
      cancel.hidden = !running;
    },
  };
}

function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
