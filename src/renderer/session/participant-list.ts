import type { Member } from '../../shared/protocol';
import type { SessionClient, TerminalGrants } from '../../shared/session-client';
import { memberColor } from '../collab/member-colors';
import type { CursorPosition, PresenceTracker } from '../collab/presence';
import { h, type View } from '../ui/dom';

interface Row {
  item: HTMLLIElement;
  main: HTMLButtonElement;
  dot: HTMLElement;
  state: HTMLElement;
  position: HTMLElement;
  terminal?: HTMLInputElement;
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
): View {
  const list = h('ul', { class: 'participants', role: 'list', 'aria-label': 'Participants' });
  const element = h('section', { class: 'panel', 'aria-labelledby': 'participants-title' }, h('h2', { id: 'participants-title' }, 'People'), list);
  const rows = new Map<number, Row>();

  const createRow = (member: Member): Row => {
    const isMe = member.id === client.me?.id;
    const dot = h('span', { class: 'dot', 'aria-hidden': 'true' });
    const state = h('span', { class: 'participant-state', id: `participant-${member.id}-state` });
    const position = h('span', { class: 'participant-position', id: `participant-${member.id}-position` });
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
      h('span', { class: 'participant-name' }, member.name),
      isMe ? h('span', { class: 'participant-you' }, '(you)') : null,
      member.role === 'host' ? h('span', { class: 'badge' }, 'host') : null,
      state,
      position,
    );
    const row: Row = { item: h('li', { class: 'participant', 'data-member-id': member.id }, main), main, dot, state, position };
    if (client.isHost && !isMe) {
      const terminal = h('input', {
        type: 'checkbox',
        role: 'switch',
        'aria-label': `Terminal input for ${member.name}`,
        onchange: () => grants.set(member.id, terminal.checked),
      });
      row.terminal = terminal;
      row.item.append(
        h('div', { class: 'participant-actions' },
          h('label', { class: 'switch' }, terminal, h('span', {}, 'Terminal input')),
          h('button', { type: 'button', class: 'danger', 'aria-label': `Remove ${member.name}`, onclick: () => client.remove(member.id) }, 'Remove'),
        ),
      );
    }
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
    });
  };

  const offs = [client.on('members', render), client.on('state', render), presence.onChange(render)];
  render();
  return {
    element,
    dispose() {
      for (const off of offs) off();
    },
  };
}

function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
