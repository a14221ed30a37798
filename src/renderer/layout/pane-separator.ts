import { DisposableStore } from '../../shared/lifecycle';
import { h, type View } from '../ui/dom';

/** What a separator between two panes needs to know. */
export interface PaneSeparatorOptions {
  /** Accessible name, e.g. "Resize editor and terminal". */
  label: string;
  /** ARIA's: 'horizontal' lies between panes stacked top and bottom, 'vertical' between panes side by side. */
  orientation: 'horizontal' | 'vertical';
  /** Id of the pane whose size the value is. */
  controls: string;
  min: number;
  max: number;
  /** How far one arrow key press moves it. */
  step: number;
  value: number;
  /** The key that makes the value larger (the other arrow on the same axis makes it smaller). */
  growKey: 'ArrowDown' | 'ArrowUp' | 'ArrowLeft' | 'ArrowRight';
  /** What screen readers say for a value, e.g. "62% editor". */
  valueText(value: number): string;
  /** The value for a pointer at this position (while dragging). */
  valueAt(point: { x: number; y: number }): number;
  /** Called on every change, while dragging too. */
  onChange(value: number): void;
  /** Called once a change is finished (drag released, key pressed): the moment to remember it. */
  onCommit(value: number): void;
}

/** A separator people drag or move with the keyboard (WAI-ARIA window splitter pattern). */
export interface PaneSeparator extends View {
  readonly value: number;
  /** Moves it without telling onChange/onCommit (e.g. when the window shrinks). */
  set(value: number): void;
  /** A disabled separator stays in the Tab order's place but ignores input (e.g. while a pane is maximised). */
  setDisabled(disabled: boolean): void;
}

const OPPOSITE = { ArrowDown: 'ArrowUp', ArrowUp: 'ArrowDown', ArrowLeft: 'ArrowRight', ArrowRight: 'ArrowLeft' } as const;

/** Creates a focusable `role="separator"` with `aria-valuenow`, arrow keys, Home/End and pointer dragging. */
export function paneSeparator(options: PaneSeparatorOptions): PaneSeparator {
  const store = new DisposableStore();
  let value = clamp(options.value);
  let disabled = false;
  const element = h('div', {
    class: `pane-separator pane-separator-${options.orientation}`,
    role: 'separator',
    tabindex: 0,
    'aria-label': options.label,
    'aria-orientation': options.orientation,
    'aria-controls': options.controls,
    'aria-valuemin': options.min,
    'aria-valuemax': options.max,
  });

  function clamp(next: number): number {
    return Math.round(Math.min(options.max, Math.max(options.min, next)));
  }
  const show = () => {
    element.setAttribute('aria-valuenow', String(value));
    element.setAttribute('aria-valuetext', options.valueText(value));
  };
  const change = (next: number, commit: boolean) => {
    const clamped = clamp(next);
    if (clamped !== value) {
      value = clamped;
      show();
      options.onChange(value);
    }
    if (commit) options.onCommit(value);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (disabled) return;
    let next: number | undefined;
    if (event.key === options.growKey) next = value + options.step;
    else if (event.key === OPPOSITE[options.growKey]) next = value - options.step;
    else if (event.key === 'Home') next = options.min;
    else if (event.key === 'End') next = options.max;
    if (next === undefined) return;
    event.preventDefault();
    change(next, true);
  };

  let dragging: number | undefined;
  const onPointerDown = (event: PointerEvent) => {
    if (disabled || event.button !== 0) return;
    event.preventDefault();
    element.focus();
    dragging = event.pointerId;
    element.setPointerCapture(event.pointerId);
    element.classList.add('dragging');
  };
  const onPointerMove = (event: PointerEvent) => {
    if (dragging !== event.pointerId) return;
    change(options.valueAt({ x: event.clientX, y: event.clientY }), false);
  };
  const onPointerUp = (event: PointerEvent) => {
    if (dragging !== event.pointerId) return;
    dragging = undefined;
    element.classList.remove('dragging');
    if (element.hasPointerCapture(event.pointerId)) element.releasePointerCapture(event.pointerId);
    change(options.valueAt({ x: event.clientX, y: event.clientY }), true);
  };

  const listen = <K extends keyof HTMLElementEventMap>(type: K, listener: (event: HTMLElementEventMap[K]) => void) => {
    element.addEventListener(type, listener);
    store.add(() => element.removeEventListener(type, listener));
  };
  listen('keydown', onKeyDown);
  listen('pointerdown', onPointerDown);
  listen('pointermove', onPointerMove);
  listen('pointerup', onPointerUp);
  listen('pointercancel', onPointerUp);
  show();

  return {
    element,
    get value() {
      return value;
    },
    set(next) {
      value = clamp(next);
      show();
    },
    setDisabled(next) {
      disabled = next;
      if (next) element.setAttribute('aria-disabled', 'true');
      else element.removeAttribute('aria-disabled');
    },
    dispose: () => store.dispose(),
  };
}
