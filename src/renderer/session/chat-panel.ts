import type * as Y from 'yjs';
import { asChatMessage, MAX_CHAT_LENGTH, type CollabDoc } from '../collab/collab-doc';
import { h, type View } from '../ui/dom';

export interface ChatAuthor {
  name: string;
  memberId: number;
  color: string;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * The chat: history from the shared document (so late joiners see it), new messages
 * announced politely by the log region, Enter sends and Shift+Enter starts a new line.
 */
export function chatPanel(collab: CollabDoc, author: () => ChatAuthor): View {
  // The log region scrolls and announces; the list inside keeps the items' list semantics.
  const list = h('ol', { class: 'chat-list' });
  const log = h('div', { class: 'chat-log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Chat messages' }, list);
  const input = h('textarea', { id: 'chat-input', rows: 2, maxlength: MAX_CHAT_LENGTH, placeholder: 'Say something… (Enter sends)' });
  const send = () => {
    const text = input.value;
    if (!text.trim()) return;
    const me = author();
    collab.addChat({ author: me.name, memberId: me.memberId, color: me.color, text });
    input.value = '';
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
  const form = h(
    'form',
    { class: 'chat-form', onsubmit: (event: SubmitEvent) => { event.preventDefault(); send(); input.focus(); } },
    h('label', { for: 'chat-input', class: 'visually-hidden' }, 'Message'),
    input,
    h('button', { type: 'submit' }, 'Send'),
  );
  const element = h('section', { class: 'panel chat', 'aria-labelledby': 'chat-title' }, h('h2', { id: 'chat-title' }, 'Chat'), log, form);

  const renderItem = (value: unknown): HTMLLIElement => {
    const message = asChatMessage(value);
    if (!message) return h('li', { hidden: true });
    const at = new Date(message.at);
    return h(
      'li',
      { class: 'chat-message' },
      h('span', { class: 'chat-author', style: `color: ${message.color}` }, message.author),
      h('time', { datetime: at.toISOString() }, timeFormat.format(at)),
      h('p', { class: 'chat-text' }, message.text),
    );
  };

  const stickToBottom = (fn: () => void) => {
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    fn();
    if (atBottom) log.scrollTop = log.scrollHeight;
  };

  // Apply the array's delta to the list, so existing lines stay put and only new ones are announced.
  const observer = (event: Y.YArrayEvent<unknown>) =>
    stickToBottom(() => {
      let index = 0;
      for (const op of event.changes.delta) {
        if (op.retain !== undefined) index += op.retain;
        else if (op.delete !== undefined) for (let i = 0; i < op.delete; i++) list.children[index]?.remove();
        else if (Array.isArray(op.insert)) {
          for (const value of op.insert) list.insertBefore(renderItem(value), list.children[index++] ?? null);
        }
      }
    });
  list.replaceChildren(...collab.chat.toArray().map(renderItem));
  collab.chat.observe(observer);
  queueMicrotask(() => (log.scrollTop = log.scrollHeight));
  return {
    element,
    dispose() {
      collab.chat.unobserve(observer);
    },
  };
}
