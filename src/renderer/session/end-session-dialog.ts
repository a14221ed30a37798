import { h, type View } from '../ui/dom';

/** The host's "End session" button, with a confirmation: ending is for everyone. */
export function endSessionDialog(onEnd: () => void): View {
  const cancel = h('button', { type: 'button', onclick: () => dialog.close() }, 'Keep going');
  const dialog = h(
    'dialog',
    { class: 'dialog', 'aria-labelledby': 'end-title' },
    h('h2', { id: 'end-title' }, 'End the session for everyone?'),
    h('p', {}, 'Everyone is disconnected and the invite code stops working.'),
    h(
      'div',
      { class: 'dialog-actions' },
      cancel,
      h('button', { type: 'button', class: 'danger', onclick: () => { dialog.close(); onEnd(); } }, 'End for everyone'),
    ),
  );
  const open = h('button', { type: 'button', class: 'danger', onclick: () => { dialog.showModal(); cancel.focus(); } }, 'End session');
  const element = h('span', { class: 'end-session' }, open, dialog);
  return { element, dispose: () => dialog.close() };
}
