import type { Member } from '../../shared/protocol';
import { h, type View } from '../ui/dom';

/** The host's prompts for guests asking to type in the terminal, one per guest. */
export interface PermissionPrompts extends View {
  /** A guest asked for control. */
  ask(member: Member): void;
  /** Removes a guest's prompt (granted elsewhere, or they left). */
  drop(memberId: number): void;
}

/** Creates the prompt area; `grant` gives a guest terminal input, `decline` tells the guest no. */
export function createPermissionPrompts(grant: (memberId: number) => void, decline: (memberId: number) => void): PermissionPrompts {
  const element = h('div', { class: 'terminal-prompts' });
  const open = new Map<number, HTMLElement>();

  function drop(memberId: number): void {
    open.get(memberId)?.remove();
    open.delete(memberId);
  }

  return {
    element,
    ask(member) {
      if (member.permissions.terminalInput) return;
      drop(member.id);
      const messageId = `terminal-prompt-${member.id}`;
      const prompt = h(
        'div',
        { class: 'terminal-prompt', role: 'alertdialog', 'aria-label': `${member.name} asks for terminal control`, 'aria-describedby': messageId },
        h('span', { id: messageId }, `${member.name} asks to type in the terminal.`),
        h(
          'button',
          {
            type: 'button',
            class: 'terminal-prompt-grant',
            onclick: () => {
              grant(member.id);
              drop(member.id);
            },
          },
          `Grant terminal input to ${member.name}`,
        ),
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              decline(member.id);
              drop(member.id);
            },
          },
          'Dismiss',
        ),
      );
      open.set(member.id, prompt);
      element.append(prompt);
    },
    drop,
    dispose() {
      open.clear();
      element.remove();
    },
  };
}
