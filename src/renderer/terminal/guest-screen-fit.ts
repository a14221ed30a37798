import type { Terminal } from '@xterm/xterm';

/** The smallest font a guest's terminal is shrunk to, in CSS pixels: below it text is hard to read, so the panel scrolls instead. */
export const MIN_READABLE_FONT_PX = 10;

/** The smallest scale that keeps a terminal of `fontSize` pixels at a readable size (never above 1). */
export function readableMinScale(fontSize: number): number {
  return fontSize > 0 ? Math.min(1, MIN_READABLE_FONT_PX / fontSize) : 1;
}

/**
 * How much to shrink a terminal of `content` size so it fits `box` (never enlarge; never
 * below `minScale`, the caller scrolls then).
 */
export function fitScale(content: { width: number; height: number }, box: { width: number; height: number }, minScale: number): number {
  if (content.width <= 0 || content.height <= 0 || box.width <= 0 || box.height <= 0) return 1;
  return Math.max(minScale, Math.min(1, box.width / content.width, box.height / content.height));
}

/**
 * Keeps a guest's terminal — rendered at the HOST's columns and rows — inside the guest's
 * panel: scaled down to fit when it is larger, scrolled (to the bottom, where the prompt
 * is; sideways for the columns) when even the smallest readable scale is too big, so the
 * font never drops below MIN_READABLE_FONT_PX. `scroller` is the scroll box,
 * `sizer` gets the scaled size (a transform alone would not give scrollbars), `screen`
 * holds the xterm and is scaled.
 */
export function keepGuestScreenInView(elements: { scroller: HTMLElement; sizer: HTMLElement; screen: HTMLElement }, term: Terminal): () => void {
  const { scroller, sizer, screen } = elements;
  let frame: number | undefined;

  const fit = () => {
    frame = undefined;
    const terminal = screen.querySelector<HTMLElement>('.xterm');
    if (!terminal) return;
    // offsetWidth/Height ignore transforms: this is the unscaled size.
    const content = { width: terminal.offsetWidth, height: terminal.offsetHeight };
    const scale = fitScale(content, { width: scroller.clientWidth, height: scroller.clientHeight }, readableMinScale(term.options.fontSize ?? MIN_READABLE_FONT_PX));
    screen.style.transform = scale === 1 ? '' : `scale(${scale})`;
    sizer.style.width = `${Math.ceil(content.width * scale)}px`;
    sizer.style.height = `${Math.ceil(content.height * scale)}px`;
    if (content.height * scale > scroller.clientHeight) scroller.scrollTop = scroller.scrollHeight;
  };
  const schedule = () => {
    frame ??= window.requestAnimationFrame(fit);
  };

  const observer = new ResizeObserver(schedule);
  observer.observe(scroller);
  // The xterm element changes size with the host's columns and rows, and once fonts are measured.
  const terminal = screen.querySelector<HTMLElement>('.xterm');
  if (terminal) observer.observe(terminal);
  const onResize = term.onResize(schedule);
  schedule();
  return () => {
    observer.disconnect();
    onResize.dispose();
    if (frame !== undefined) window.cancelAnimationFrame(frame);
  };
}
