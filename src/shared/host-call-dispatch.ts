import { HostApiError, type HostApi, type HostApiErrorCode, type HostRun, type HostTerminal, type Unsubscribe } from './host-api';
import type { HostCall, HostCallArgs, HostEvent } from './host-api-calls';

/** What a shell answers calls from: the HostApi minus event subscriptions the shell pushes itself. */
export type HostCallTarget = Omit<HostApi, 'onInviteLink'>;

/**
 * Runs one call, already validated by parseHostCall, against the shell's host services.
 * Both remote shells (Electron IPC and the web shell's socket) answer through this, so a
 * call means the same thing in each. `terminal` and `run` are read only for their own calls,
 * which lets a shell create those services lazily behind a getter.
 */
export async function dispatchHostCall(target: HostCallTarget, call: HostCall, args: readonly unknown[]): Promise<unknown> {
  const arg = <C extends HostCall>(_call: C, index: number) => args[index] as HostCallArgs<C>[number];
  switch (call) {
    case 'app:info':
      return target.appInfo();
    case 'settings:get':
      return target.getSettings();
    case 'settings:set':
      return target.setSettings(arg('settings:set', 0));
    case 'shell:open-external':
      return target.openExternal(arg('shell:open-external', 0));
    case 'relay:local':
      return target.localRelay();
    case 'terminal:open':
      return target.terminal.open(arg('terminal:open', 0));
    case 'terminal:write':
      return target.terminal.write(arg('terminal:write', 0));
    case 'terminal:resize':
      return target.terminal.resize(arg('terminal:resize', 0));
    case 'terminal:ack':
      return target.terminal.ack(arg('terminal:ack', 0));
    case 'terminal:catch-up':
      return target.terminal.catchUp(arg('terminal:catch-up', 0));
    case 'terminal:close':
      return target.terminal.close();
    case 'run:presets':
      return target.run.presets();
    case 'run:run':
      return target.run.run(arg('run:run', 0));
    case 'run:stop':
      return target.run.stop();
    case 'run:current':
      return target.run.current();
  }
}

/** Subscribes to every event of the host services and hands each to `emit` under its HOST_EVENTS name. */
export function forwardHostEvents(
  services: { terminal: HostTerminal; run: HostRun },
  emit: (event: HostEvent, payload: unknown) => void,
): Unsubscribe {
  const subscriptions = [
    services.terminal.onOutput((chunk) => emit('terminal:output', chunk)),
    services.terminal.onExit((exit) => emit('terminal:exit', exit)),
    services.terminal.onResize((size) => emit('terminal:resize', size)),
    services.run.onState((state) => emit('run:state', state)),
  ];
  return () => {
    for (const unsubscribe of subscriptions) unsubscribe();
  };
}

/** A thrown value as the {code, message} a caller sees; unexpected errors become 'internal'. */
export function hostCallError(error: unknown): { code: HostApiErrorCode; message: string } {
  if (error instanceof HostApiError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: String(error) };
}
