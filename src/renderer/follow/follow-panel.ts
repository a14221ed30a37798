import { DisposableStore } from '../../shared/lifecycle';
import type { SessionClient } from '../../shared/session-client';
import { h, type View } from '../ui/dom';
import './follow.css';
import type { FollowEnd, FollowMode } from './follow-mode';
import type { FollowRequests } from './follow-request';

/**
 * Follow mode's controls in the People panel: whom we follow (with Stop), why it stopped,
 * the host's "Ask everyone to follow me", and a host's request waiting for our answer.
 */
export function followPanel(client: SessionClient, follow: FollowMode, requests: FollowRequests): View {
  const store = new DisposableStore();
  const status = h('p', { class: 'follow-status', role: 'status', 'aria-label': 'Follow mode' });
  const stop = h('button', { type: 'button', onclick: () => follow.stop() }, 'Stop following');
  const statusRow = h('div', { class: 'follow-row' }, status, stop);
  const ask = h('button', { type: 'button', class: 'follow-ask', onclick: () => (requests.asking ? requests.cancel() : requests.ask()) });
  const requestText = h('span', { class: 'follow-request-text' });
  const accept = h('button', { type: 'button', class: 'primary', onclick: () => requests.accept() });
  const decline = h('button', { type: 'button', onclick: () => requests.decline() }, 'Decline');
  const request = h('div', { class: 'follow-request', role: 'group', 'aria-label': 'Follow request' }, requestText, h('span', { class: 'follow-actions' }, accept, decline));
  const element = h('div', { class: 'follow-panel' }, statusRow, client.isHost ? ask : null, request);

  const render = () => {
    const followed = follow.following;
    const name = followed === undefined ? undefined : (client.members.get(followed)?.name ?? 'someone');
    setText(status, name !== undefined ? `Following ${name}` : follow.lastEnd ? endText(follow.lastEnd) : '');
    stop.hidden = followed === undefined;
    statusRow.hidden = status.textContent === '';
    setText(ask, requests.asking ? 'Stop asking everyone to follow me' : 'Ask everyone to follow me');
    const pending = requests.pending;
    request.hidden = !pending;
    if (pending) {
      setText(requestText, `${pending.hostName} asks everyone to follow them.`);
      setText(accept, `Follow ${pending.hostName}`);
    }
  };
  store.add(follow.onChange(render));
  store.add(requests.onChange(render));
  store.add(client.on('members', render));
  render();
  return { element, dispose: () => store.dispose() };
}

function endText(end: FollowEnd): string {
  if (end.why === 'you-acted') return `You stopped following ${end.name}: you moved in the editor.`;
  if (end.why === 'they-left') return `${end.name} left: you stopped following them.`;
  return `You stopped following ${end.name}.`;
}

function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
