import { DisposableStore } from '../../shared/lifecycle';
import { CHANNELS } from '../../shared/protocol';
import type { SessionClient } from '../../shared/session-client';
import { decodeRunMessage, encodeRunMessage } from '../../shared/protocol/run/run-wire';
import { hostMemberId } from '../terminal/terminal-input';
import type { RunLink } from './host-run-link';
import type { RunControlsView } from './run-controls-view';

const NOT_ALLOWED = 'Only the host, and guests it lets type in the terminal, can run code';

/** A guest's Run: shows the host's run state; asks the host to run or stop when granted. */
export function linkGuestRun(options: { client: SessionClient; controls: RunControlsView }): RunLink {
  const { client, controls } = options;
  const allowed = () => client.me?.permissions.terminalInput === true;
  const applyPermission = () => controls.setAllowed(allowed(), NOT_ALLOWED);
  const ask = (type: 'run' | 'stop'): boolean => {
    const host = hostMemberId(client.members);
    if (!allowed() || host === undefined) return false;
    client.send(CHANNELS.run, encodeRunMessage({ type }), host);
    return true;
  };

  const store = new DisposableStore();
  store.add(
    client.on('data', ({ channel, from, payload }) => {
      if (channel !== CHANNELS.run || client.members.get(from)?.role !== 'host') return;
      const message = decodeRunMessage(payload);
      if (message?.type === 'state') controls.setState(message.state);
    }),
  );
  store.add(
    client.on('permissions-changed', (member) => {
      if (member.id === client.me?.id) applyPermission();
    }),
  );
  store.add(client.on('welcome', applyPermission));
  applyPermission();

  return {
    runNow: () => ask('run'),
    stop: () => void ask('stop'),
    dispose: () => store.dispose(),
  };
}
