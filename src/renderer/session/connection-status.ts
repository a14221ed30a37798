import type { ConnectionState, SessionClient } from '../../shared/session-client';
import { h, type View } from '../ui/dom';

/**
 * The words for our own connection. An open link that has gone quiet (a late pong, or the
 * browser saying it is offline) is "unstable" rather than "Connected": the relay would only
 * notice at its heartbeat, and a stale "Connected 2 ms" misleads whoever is typing.
 */
export function connectionLabel(state: ConnectionState, unstable = false, online = navigator.onLine): string {
  switch (state) {
    case 'open':
      return unstable || !online ? 'Connection unstable' : 'Connected';
    case 'connecting':
    case 'lobby':
      return 'Connecting…';
    case 'reconnecting':
      return online ? 'Reconnecting…' : 'Reconnecting… (offline)';
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
    const text = connectionLabel(client.state, client.unstable);
    if (label.textContent !== text) label.textContent = text;
    element.dataset.state = text === 'Connected' ? 'open' : text === 'Offline' ? 'offline' : 'reconnecting';
    const ms = client.latencyMs;
    // The last latency is history once the link is quiet: show it only while it is current.
    latency.textContent = text === 'Connected' && ms !== undefined ? `${Math.round(ms)} ms` : '';
  };
  const offs = [client.on('state', render), client.on('latency', render), client.on('unstable', render)];
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
