import { memberColor } from '../collab/member-colors';
import { h, type View } from '../ui/dom';
import { TypingActivity, describeTyping } from './typing-activity';

/** How long a name stays after its last announcement. */
const FADE_MS = 1_500;

/** "Ada is typing…" under the terminal, each name in the member's colour; fades on its own. */
export interface TypingIndicator extends View {
  /** Someone typed into the terminal just now. */
  note(memberId: number): void;
}

/** Creates the indicator; `nameOf` resolves a member id to a display name (undefined: unknown, not shown). */
export function createTypingIndicator(nameOf: (memberId: number) => string | undefined): TypingIndicator {
  const activity = new TypingActivity(FADE_MS);
  const element = h('div', {
    class: 'terminal-typing',
    role: 'status',
    'aria-live': 'polite',
    'aria-label': 'Typing in the terminal',
  });
  let timer: number | undefined;

  function render(): void {
    const now = Date.now();
    const typists = activity
      .typing(now)
      .map((id) => ({ id, name: nameOf(id) }))
      .filter((typist): typist is { id: number; name: string } => typist.name !== undefined);
    element.replaceChildren();
    if (typists.length > 0) {
      for (const typist of typists) {
        const dot = h('span', { class: 'terminal-typing-dot', 'aria-hidden': 'true' });
        dot.style.background = memberColor(typist.id);
        element.append(dot);
      }
      element.append(h('span', { class: 'terminal-typing-text' }, describeTyping(typists.map((t) => t.name))));
    }
    window.clearTimeout(timer);
    const next = activity.nextFade(now);
    timer = next === undefined ? undefined : window.setTimeout(render, next - now + 10);
  }

  return {
    element,
    note(memberId) {
      activity.note(memberId, Date.now());
      render();
    },
    dispose() {
      window.clearTimeout(timer);
      element.remove();
    },
  };
}
