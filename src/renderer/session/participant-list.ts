import type { Member } from '../../shared/protocol';
import type { SessionClient, TerminalGrants } from '../../shared/session-client';
import { memberColor } from '../collab/member-colors';
import type { CursorPosition, PresenceTracker } from '../collab/presence';
import type { FollowMode } from '../follow/follow-mode';
import { followPanel } from '../follow/follow-panel';
import type { FollowRequests } from '../follow/follow-request';
import { h, type View } from '../ui/dom';

/** Follow mode, when the session has it: a Follow switch per person, and its panel under the list. */
export interface ParticipantFollow {
  mode: FollowMode;
  requests: FollowRequests;
}

interface Row {
  item: HTMLLIElement;
  main: HTMLButtonElement;
  dot: HTMLElement;
  state: HTMLElement;
  position: HTMLElement;
  following: HTMLElement;
  terminal?: HTMLInputElement;
  follow?: HTMLButtonElement;
}

/**
 * Everyone in the session: colour, name, host badge, connection state and cursor
 * position. Activating a person reveals their cursor. The host also gets, per guest,
 * a "Terminal input" switch and a "Remove" button. Rows are updated in place so keyboard
 * focus survives the frequent cursor updates.
 */
export function participantList(
  client: SessionClient,
  grants: TerminalGrants,
  presence: PresenceTracker,
  onReveal: (position: CursorPosition) => void,
  follow?: ParticipantFollow,
): View {
  const list = h('ul', { class: 'participants', role: 'list', 'aria-label': 'Participants' });
  const panel = follow ? followPanel(client, follow.mode, follow.requests) : undefined;
  const element = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'participants-title' },
    h('h2', { id: 'participants-title' }, 'People'),
    list,
    panel?.element,
  );
  const rows = new Map<number, Row>();

  const createRow = (member: Member): Row => {
    const isMe = member.id === client.me?.id;
    const dot = h('span', { class: 'dot', 'aria-hidden': 'true' });
    const state = h('span', { class: 'participant-state', id: `participant-${member.id}-state` });
    const position = h('span', { class: 'participant-position', id: `participant-${member.id}-position` });
    const following = h('span', { class: 'participant-following' });
    const main = h(
      'button',
      {
        type: 'button',
        class: 'participant-main',
        'aria-label': isMe ? `${member.name} (you)` : `Show ${member.name}'s cursor`,
        'aria-describedby': `${state.id} ${position.id}`,
        title: isMe ? 'You' : `Show where ${member.name} is`,
        onclick: () => {
          const cursor = presence.cursorOf(member.id);
          if (cursor) onReveal(cursor);
        },
      },
      dot,
      // Long names are cut with an ellipsis; the tooltip has all of it.
      h('span', { class: 'participant-name', title: member.name }, member.name),
      isMe ? h('span', { class: 'participant-you' }, '(you)') : null,
      member.role === 'host' ? h('span', { class: 'badge' }, 'host') : null,
      state,
      position,
    );
    const row: Row = { item: h('li', { class: 'participant', 'data-member-id': member.id }, main, following), main, dot, state, position, following };
    const actions = h('div', { class: 'participant-actions' });
    if (follow && !isMe) {
      const button = h('button', {
        type: 'button',
        class: 'participant-follow',
        'aria-label': `Follow ${member.name}`,
        'aria-pressed': 'false',
        title: `Scroll along with ${member.name}`,
        onclick: () => (follow.mode.following === member.id ? follow.mode.stop() : follow.mode.follow(member.id)),
      }, 'Follow');
      row.follow = button;
      actions.append(button);
    }
    if (client.isHost && !isMe) {
      const terminal = h('input', {
        type: 'checkbox',
        role: 'switch',
        'aria-label': `Terminal input for ${member.name}`,
        onchange: () => grants.set(member.id, terminal.checked),
      });
      row.terminal = terminal;
      actions.append(
        h('label', { class: 'switch' }, terminal, h('span', {}, 'Terminal input')),
        h('button', { type: 'button', class: 'danger', 'aria-label': `Remove ${member.name}`, onclick: () => client.remove(member.id) }, 'Remove'),
      );
    }
    if (actions.childElementCount > 0) row.item.append(actions);
    return row;
  };

  const render = () => {
    const members = [...client.members.values()];
    const present = new Set(members.map((m) => m.id));
    for (const [id, row] of rows) {
      if (!present.has(id)) {
        row.item.remove();
        rows.delete(id);
      }
    }
    const cursors = new Map(presence.peers().filter((p) => p.cursor).map((p) => [p.memberId, p.cursor!]));
    members.forEach((member, index) => {
      let row = rows.get(member.id);
      if (!row) rows.set(member.id, (row = createRow(member)));
      // Move only when out of order: moving a node takes keyboard focus away from it.
      if (list.children[index] !== row.item) list.insertBefore(row.item, list.children[index] ?? null);
      row.dot.style.backgroundColor = memberColor(member.id);
      // While we ourselves are cut off, what the relay last told us about others may be stale.
      const connection =
        member.id === client.me?.id
          ? client.state === 'open'
            ? 'online'
            : 'reconnecting'
          : client.state === 'open'
            ? member.connection
            : 'unknown';
      setText(row.state, connection === 'online' ? 'online' : connection === 'reconnecting' ? 'reconnecting' : 'status unknown');
      row.item.dataset.connection = connection;
      const cursor = cursors.get(member.id);
      setText(row.position, cursor ? `Ln ${cursor.line}, Col ${cursor.column}${cursor.file ? ` in ${cursor.file}` : ''}` : '');
      if (row.terminal) row.terminal.checked = member.permissions.terminalInput;
      if (follow) {
        row.follow?.setAttribute('aria-pressed', String(follow.mode.following === member.id));
        const followed = follow.mode.followingOf(member.id);
        const whom = followed === undefined ? undefined : followed === client.me?.id ? 'you' : client.members.get(followed)?.name;
        setText(row.following, whom === undefined || member.id === client.me?.id ? '' : `follows ${whom}`);
      }
    });
  };

  const offs = [client.on('members', render), client.on('state', render), presence.onChange(render)];
  if (follow) offs.push(follow.mode.onChange(render));
  render();
  return {
    element,
    dispose() {
      for (const off of offs) off();
      panel?.dispose();
    },
  };
}

function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
