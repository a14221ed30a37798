import type { SessionClient } from '../../shared/session-client';
import { h, type View } from '../ui/dom';

/**
 * The host's lobby: everyone knocking, each with Admit and Deny, and the auto-admit
 * switch for later knocks. Hidden from guests.
 */
export function knockPanel(client: SessionClient): View {
  const autoAdmit = h('input', {
    type: 'checkbox',
    role: 'switch',
    id: 'auto-admit',
    onchange: () => client.setAutoAdmit(autoAdmit.checked),
  });
  const list = h('ul', { class: 'knocks', role: 'list', 'aria-label': 'Waiting to join' });
  const empty = h('p', { class: 'muted' }, 'Nobody is waiting.');
  const element = h(
    'section',
    { class: 'panel lobby-panel', 'aria-labelledby': 'lobby-title' },
    h('h2', { id: 'lobby-title' }, 'Waiting room'),
    h('label', { class: 'switch', for: 'auto-admit' }, autoAdmit, h('span', {}, 'Auto-admit')),
    list,
    empty,
  );

  const render = () => {
    autoAdmit.checked = client.session?.autoAdmit ?? false;
    const knocks = [...client.knocks];
    const hadFocus = list.contains(document.activeElement);
    list.replaceChildren(
      ...knocks.map(([memberId, name]) =>
        h(
          'li',
          { class: 'knock', 'data-member-id': memberId },
          h('span', { class: 'knock-name' }, name),
          h('button', { type: 'button', class: 'primary', 'aria-label': `Admit ${name}`, onclick: () => client.admit(memberId) }, 'Admit'),
          h('button', { type: 'button', 'aria-label': `Deny ${name}`, onclick: () => { client.deny(memberId); render(); } }, 'Deny'),
        ),
      ),
    );
    empty.hidden = knocks.length > 0;
    element.classList.toggle('has-knocks', knocks.length > 0);
    // Keep keyboard users in the waiting room after answering one knock.
    if (hadFocus && !list.contains(document.activeElement)) {
      (list.querySelector('button') ?? autoAdmit).focus();
    }
  };

  const offs = [
    client.on('knock', render),
    client.on('knock-withdrawn', render),
    client.on('members', render),
    client.on('auto-admit-changed', render),
    client.on('welcome', render),
  ];
  render();
  return {
    element,
    dispose() {
      for (const off of offs) off();
    },
  };
}
