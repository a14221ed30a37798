import { describe, expect, it } from 'vitest';
import { HostApiError, type HostApi } from '../../../src/shared/host-api';
import { createHostApiClient, type HostCallTransport } from '../../../src/shared/host-api/host-api-client';
import { dispatchHostCall, forwardHostEvents, type HostCallTarget } from '../../../src/shared/host-api/host-call-dispatch';
import { HOST_CALLS, HOST_EVENTS, parseHostCall, type HostCall, type HostEvent } from '../../../src/shared/host-api/host-calls';

/** Arguments each call's schema accepts, so the round trip goes through validation too. */
const SAMPLE_ARGS: Record<HostCall, unknown[]> = {
  'app:info': [],
  'settings:get': [],
  'settings:set': [{ displayName: 'Ada' }],
  'shell:open-external': ['https://example.com/'],
  'relay:local': [],
  'terminal:open': [{ cols: 80, rows: 24 }],
  'terminal:write': ['ls\r'],
  'terminal:resize': [{ cols: 100, rows: 30 }],
  'terminal:ack': [4096],
  'terminal:catch-up': [7],
  'terminal:close': [],
  'run:presets': [],
  'run:run': [{ language: 'python', source: 'print(1)' }],
  'run:stop': [],
  'run:current': [],
  'run:load-workspace': ['/home/ada/exercise'],
  'run:save-workspace': ['/home/ada/saved', [{ path: 'main.py', text: 'print(1)' }]],
};

type Recorded = { call: string; args: unknown[] };
type Listener = (payload: unknown) => void;

/** Host services whose every method records its call, built from the tables themselves. */
function recordingTarget() {
  const calls: Recorded[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const objects: Record<string, Record<string, unknown>> = { app: {}, terminal: {}, run: {} };
  for (const [call, row] of Object.entries(HOST_CALLS)) {
    objects[row.service]![row.method] = async (...args: unknown[]) => {
      calls.push({ call, args });
      return `answer of ${call}`;
    };
  }
  for (const [event, row] of Object.entries(HOST_EVENTS)) {
    objects[row.service]![row.method] = (listener: Listener) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    };
  }
  const target = { ...objects.app, terminal: objects.terminal, run: objects.run } as unknown as HostCallTarget;
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));
  return { target, calls, emit };
}

/** A transport that validates and dispatches in-process, as a shell would across its boundary. */
function loopback(target: HostCallTarget): HostCallTransport {
  const subscribers = new Map<HostEvent, Set<Listener>>();
  forwardHostEvents(target as never, (event, payload) => subscribers.get(event)?.forEach((listener) => listener(payload)));
  return {
    call: async (call, args) => {
      const parsed = parseHostCall(call, args);
      if (!parsed.ok) throw new HostApiError('bad-argument', parsed.error);
      return dispatchHostCall(target, parsed.call, parsed.args);
    },
    subscribe: (event, listener) => {
      if (!subscribers.has(event)) subscribers.set(event, new Set());
      subscribers.get(event)!.add(listener);
      return () => subscribers.get(event)!.delete(listener);
    },
  };
}

function methodOf(api: HostApi, service: string, method: string): (...args: unknown[]) => unknown {
  const owner = (service === 'app' ? api : (api as unknown as Record<string, object>)[service]) as Record<string, (...args: unknown[]) => unknown>;
  return owner[method]!;
}

describe('HostApi derived from the HOST_CALLS and HOST_EVENTS tables', () => {
  it('routes every call from the client method its row names to the host service method it names', async () => {
    const host = recordingTarget();
    const api = createHostApiClient(loopback(host.target), { onNotifyError: () => undefined });
    for (const [call, row] of Object.entries(HOST_CALLS) as [HostCall, (typeof HOST_CALLS)[HostCall]][]) {
      const answer = await methodOf(api, row.service, row.method)(...SAMPLE_ARGS[call]);
      // Fire-and-forget calls return nothing to wait for; the others answer with the host's value.
      expect(answer, call).toBe('notify' in row ? undefined : `answer of ${call}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(host.calls.map(({ call }) => call).sort()).toEqual(Object.keys(HOST_CALLS).sort());
    for (const { call, args } of host.calls) expect(args, call).toEqual(SAMPLE_ARGS[call as HostCall]);
  });

  it('delivers every service event to the client subscription its row names', () => {
    const host = recordingTarget();
    const api = createHostApiClient(loopback(host.target), { onNotifyError: () => undefined });
    for (const [event, row] of Object.entries(HOST_EVENTS)) {
      if (row.service === 'app') continue; // the shell pushes those itself
      const received: unknown[] = [];
      const off = methodOf(api, row.service, row.method)((payload: unknown) => received.push(payload)) as () => void;
      host.emit(event, { event });
      off();
      host.emit(event, 'after unsubscribe');
      expect(received, event).toEqual([{ event }]);
    }
  });

  it('rejects bad arguments with bad-argument before the host service runs, and reports failed notifications', async () => {
    const host = recordingTarget();
    const failed: string[] = [];
    const api = createHostApiClient(loopback(host.target), { onNotifyError: (call) => failed.push(call) });
    await expect(api.terminal.resize({ cols: 0, rows: 0 })).rejects.toMatchObject({ code: 'bad-argument' });
    api.terminal.ack(-1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(failed).toEqual(['terminal:ack']);
    expect(host.calls).toEqual([]);
  });
});
