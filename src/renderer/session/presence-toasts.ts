import type { SessionClient } from '../../shared/session-client';
import type { Toasts } from '../ui/toasts';

/** Announces who joined, left, dropped and came back, and our own reconnects. */
export function presenceToasts(client: SessionClient, toasts: Toasts): () => void {
  let wasReconnecting = false;
  const offs = [
    client.on('member-joined', (member) => toasts.show(`${member.name} joined`)),
    client.on('member-left', ({ name, reason }) =>
      toasts.show(reason === 'removed' ? `${name} was removed` : reason === 'timeout' ? `${name} left (connection lost)` : `${name} left`),
    ),
    client.on('member-reconnecting', (member) => toasts.show(`${member.name} is reconnecting…`, 'warn')),
    client.on('member-back', (member) => toasts.show(`${member.name} is back`)),
    client.on('knock', ({ name }) => toasts.show(`${name} is waiting to join`)),
    client.on('permission-requested', (member) => toasts.show(`${member.name} asks for terminal input`)),
    client.on('permissions-changed', (member) => {
      if (member.id !== client.me?.id || member.role === 'host') return;
      toasts.show(member.permissions.terminalInput ? 'The host gave you terminal input' : 'The host took back terminal input');
    }),
    client.on('state', (state) => {
      if (state === 'reconnecting' && !wasReconnecting) {
        wasReconnecting = true;
        toasts.show('Connection lost. Reconnecting…', 'warn');
      }
    }),
    client.on('welcome', (welcome) => {
      if (wasReconnecting) toasts.show(welcome.resumed ? 'Back online' : 'Back in the session');
      wasReconnecting = false;
    }),
    client.on('error', (error) => {
      if (error.code !== 'no-permission') toasts.show(error.message, 'warn');
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
