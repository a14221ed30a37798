import type { ConnectionState, SessionClient } from '../../shared/session-client';
import { h, type View } from '../ui/dom';

/** The words for our own connection state. */
export function connectionLabel(state: ConnectionState, online = navigator.onLine): string {
  switch (state) {
    case 'open':
      return 'Connected';
    case 'connecting':
    case 'lobby':
      return 'Connecting…';
    case 'reconnecting':
      return online ? 'Reconnecting…' : 'Offline';
    case 'closed':
      return 'Offline';
  }
}

/** Connection status (role=status) and the live round-trip latency to the relay. */
export function connectionStatus(client: SessionClient): View {
  const label = h('span', { role: 'status', class: 'connection-label', 'aria-label': 'Connection' });
  const latency = h('span', { class: 'latency', 'aria-label': 'Round-trip latency', title: 'Round-trip time to the relay' });
  const element = h('div', { class: 'connection' }, h('span', { class: 'connection-dot', 'aria-hidden': 'true' }), label, latency);

  const render = () => {
    const text = connectionLabel(client.state);
    if (label.textContent !== text) label.textContent = text;
    element.dataset.state = client.state === 'open' ? 'open' : text === 'Offline' ? 'offline' : 'reconnecting';
    const ms = client.latencyMs;
    latency.textContent = client.state === 'open' && ms !== undefined ? `${Math.round(ms)} ms` : '';
  };
  const offs = [client.on('state', render), client.on('latency', render)];
  window.addEventListener('online', render);
  window.addEventListener('offline', render);
  render();
  return {
    element,
    dispose() {
      for (const off of offs) off();
      window.removeEventListener('online', render);
      window.removeEventListener('offline', render);
    },
  };
}
