import { afterEach, beforeEach } from 'vitest';
import WebSocket from 'ws';
import { createRelay, type Relay } from '../../../relay/relay';
import type { RelayOptionsInput } from '../../../relay/options';
import { SessionClient, type SessionClientOptions, type SessionEvents } from '../../../src/shared/session-client';
import { nextEvent, waitUntil } from '../../support/wait';

/** A relay on a free loopback port with fast timings for tests. */
export function startRelay(options: RelayOptionsInput = {}): Promise<Relay> {
  return createRelay({
    port: 0,
    logLevel: 'silent',
    secret: 'session-client-tests-secret-0123456789',
    ...options,
    limits: { heartbeatIntervalMs: 200, reconnectGraceMs: 3_000, ...options.limits },
  });
}

/**
 * A fresh relay for every test of the file or describe it is called in, closed (with every
 * client made by `connect`) after each: read it as `relay.url` inside a test.
 */
export function useRelay(options: RelayOptionsInput = {}): { readonly url: string } {
  let relay: Relay | undefined;
  beforeEach(async () => {
    relay = await startRelay(options);
  });
  afterEach(async () => {
    disposeClients();
    await relay?.close();
  });
  return {
    get url() {
      if (!relay) throw new Error('useRelay: no relay outside a test');
      return relay.url;
    },
  };
}

const clients: SessionClient[] = [];

/** A session client over the `ws` package with quick reconnects; disposed by `disposeClients`. */
export function connect(url: string, name: string, intent: SessionClientOptions['intent'], extra: Partial<SessionClientOptions> = {}): SessionClient {
  const client = new SessionClient({
    url,
    name,
    intent,
    WebSocket: WebSocket as unknown as SessionClientOptions['WebSocket'],
    reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    pingIntervalMs: 100,
    ...extra,
  });
  clients.push(client);
  return client;
}

/** Disposes every client made by `connect`. */
export function disposeClients(): void {
  for (const client of clients.splice(0)) client.dispose();
}

/** Waits until a client is admitted and returns it. */
export async function admitted(client: SessionClient): Promise<SessionClient> {
  await waitUntil(() => client.state === 'open', 5_000, `${client.me?.name ?? 'client'} to be admitted`);
  return client;
}

/** A host and an admitted guest in a fresh session. */
export async function hostAndGuest(url: string, autoAdmit = true): Promise<{ host: SessionClient; guest: SessionClient }> {
  const host = await admitted(connect(url, 'Host', { kind: 'create', autoAdmit }));
  const guest = connect(url, 'Guest', { kind: 'join', code: host.session!.code });
  if (!autoAdmit) {
    await waitUntil(() => host.knocks.size > 0, 5_000, 'knock');
    host.admit([...host.knocks.keys()][0]!);
  }
  await admitted(guest);
  await waitUntil(() => host.members.size === 2, 5_000, 'host to see the guest');
  return { host, guest };
}

/** The first value of `event` from `client` (typed per event). */
export function next<E extends keyof SessionEvents>(
  client: SessionClient,
  event: E,
  timeoutMs = 5_000,
): Promise<Parameters<SessionEvents[E]>[0]> {
  return nextEvent<Parameters<SessionEvents[E]>[0]>(
    (listener) => client.on(event, ((value: Parameters<SessionEvents[E]>[0]) => listener(value)) as SessionEvents[E]),
    timeoutMs,
    `${String(event)} event`,
  );
}
