import { h } from './dom';

/** How long a toast stays, in milliseconds. */
const TOAST_MS = 6000;

/**
 * Short notices (joined, left, reconnecting, back, copied…) in one polite live region,
 * so screen readers announce them without interrupting.
 */
export class Toasts {
  readonly element = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite', 'aria-label': 'Notifications' });
  private readonly timers = new Set<number>();

  /** Shows a notice for a few seconds. */
  show(text: string, tone: 'info' | 'warn' = 'info'): void {
    const toast = h('div', { class: `toast toast-${tone}` }, text);
    this.element.append(toast);
    while (this.element.childElementCount > 5) this.element.firstElementChild?.remove();
    const timer = window.setTimeout(() => {
      this.timers.delete(timer);
      toast.remove();
    }, TOAST_MS);
    this.timers.add(timer);
  }

  /** Removes every notice and timer. */
  dispose(): void {
    for (const timer of this.timers) window.clearTimeout(timer);
    this.timers.clear();
    this.element.remove();
  }
}
