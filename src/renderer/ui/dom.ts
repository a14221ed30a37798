/** A child for `h`: nodes and strings; null/undefined/false are skipped. */
export type Child = Node | string | null | undefined | false;

/** Attributes and listeners for `h`: `on<event>` adds a listener, `class` sets className. */
export type Props = Record<string, string | number | boolean | undefined | ((event: never) => void)>;

/**
 * Creates an element with attributes, listeners and children. Text is always set as
 * text (never parsed as HTML), so names and messages from peers cannot inject markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    } else if (key === 'class') {
      element.className = String(value);
    } else if (key === 'value' && 'value' in element) {
      (element as HTMLInputElement).value = String(value);
    } else if (key === 'checked' && element instanceof HTMLInputElement) {
      element.checked = value === true;
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(element, ...children);
  return element;
}

/** Appends children, skipping empty ones. */
export function append(parent: Node & ParentNode, ...children: Child[]): void {
  for (const child of children) if (child !== null && child !== undefined && child !== false) parent.append(child);
}

/** A unique id for label/aria wiring. */
export function uniqueId(prefix: string): string {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}`;
}
let uniqueCounter = 0;

/** Something on screen that listens to things and must stop when it goes away. */
export interface View {
  readonly element: HTMLElement;
  dispose(): void;
}
