import { inviteLinkFor } from '../app/invite-link';
import { copyText } from '../ui/clipboard';
import { h, type View } from '../ui/dom';
import type { Toasts } from '../ui/toasts';

/** The invite code with "Copy code" and "Copy invite link" buttons. */
export function invitePanel(code: string, relayUrl: string, toasts: Toasts): View {
  const link = inviteLinkFor(relayUrl, code);
  const copy = async (text: string, what: string) => {
    toasts.show((await copyText(text)) ? `${what} copied` : `Could not copy the ${what.toLowerCase()}`);
  };
  const element = h(
    'div',
    { class: 'invite', role: 'group', 'aria-label': 'Invite' },
    h('span', { class: 'invite-label', id: 'invite-code-label' }, 'Invite code'),
    h('code', { class: 'invite-code', 'aria-labelledby': 'invite-code-label', 'data-testid': 'invite-code' }, code),
    h('button', { type: 'button', onclick: () => copy(code, 'Invite code') }, 'Copy code'),
    h('button', { type: 'button', title: link, onclick: () => copy(link, 'Invite link') }, 'Copy invite link'),
  );
  return { element, dispose: () => element.remove() };
}
