/**
 * Refuses a paste that would take a file or the workspace over its limit before it reaches
 * the editor (and so the shared text): the person is told why, and nothing is half-applied
 * or sent for others to disagree with. Listens in the capture phase on the editor's
 * container, ahead of Monaco's own paste handling inside it.
 */
export function guardPasteLimits(
  container: HTMLElement,
  options: { check(pasted: string): string | undefined; onRefused(problem: string): void },
): () => void {
  const onPaste = (event: ClipboardEvent) => {
    const pasted = event.clipboardData?.getData('text/plain') ?? '';
    const problem = pasted ? options.check(pasted) : undefined;
    if (!problem) return;
    event.preventDefault();
    event.stopPropagation();
    options.onRefused(problem);
  };
  container.addEventListener('paste', onPaste, { capture: true });
  return () => container.removeEventListener('paste', onPaste, { capture: true });
}
