import { afterEach } from 'vitest';
import type { ClientOptions } from 'ws';
import { createRelay, type Relay, type RelayOptionsInput } from '../../../relay/relay';
import { CHANNELS, type Limits, type RelayMessageOf } from '../../../src/shared/protocol';
import { RawClient } from './raw-client';

/** Limits small enough that tests hit them in milliseconds, not minutes. */
export const FAST_LIMITS: Partial<Limits> = {
  helloDeadlineMs: 500,
  reconnectGraceMs: 300,
  heartbeatIntervalMs: 1_000,
};

const relays: Relay[] = [];
const clients: RawClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  await Promise.all(relays.splice(0).map((relay) => relay.close()));
});

/** A real relay on 127.0.0.1, port 0 unless given, closed after the test. */
export async function startRelay(options: RelayOptionsInput = {}): Promise<Relay> {
  const relay = await createRelay({
    logLevel: 'silent',
    ...options,
    limits: { ...FAST_LIMITS, ...options.limits },
  });
  relays.push(relay);
  return relay;
}

/** Stops tracking a relay the test closes itself. */
export function forgetRelay(relay: Relay): void {
  const index = relays.indexOf(relay);
  if (index >= 0) relays.splice(index, 1);
}

/** A raw client connected to the relay, terminated after the test. */
export async function connect(relay: Pick<Relay, 'url'> | string, options?: ClientOptions): Promise<RawClient> {
  const client = await RawClient.connect(typeof relay === 'string' ? relay : relay.url, options);
  clients.push(client);
  return client;
}

/** A host with a fresh session. */
export interface Hosted {
  host: RawClient;
  welcome: RelayMessageOf<'welcome'>;
  code: string;
}

/** Creates a session and waits for the host's welcome. */
export async function createSession(relay: Pick<Relay, 'url'>, name = 'Hana', autoAdmit?: boolean): Promise<Hosted> {
  const host = await connect(relay);
  host.hello({ intent: 'create', name, ...(autoAdmit === undefined ? {} : { autoAdmit }) });
  const welcome = await host.waitFor('welcome');
  return { host, welcome, code: welcome.session.code };
}

/** An admitted guest. */
export interface Joined {
  guest: RawClient;
  welcome: RelayMessageOf<'welcome'>;
  id: number;
}

/** Joins by code, has the host admit the knock, and waits for the guest's welcome. */
export async function joinSession(relay: Pick<Relay, 'url'>, hosted: Hosted, name = 'Gil'): Promise<Joined> {
  const guest = await connect(relay);
  guest.hello({ intent: 'join', code: hosted.code, name });
  const knock = await hosted.host.waitFor('knock', (k) => k.name === name);
  hosted.host.send({ type: 'admit', memberId: knock.memberId });
  const welcome = await guest.waitFor('welcome');
  await hosted.host.waitFor('member-joined', (m) => m.member.id === knock.memberId);
  return { guest, welcome, id: welcome.you.id };
}

/**
 * Proves a relay still serves well-behaved users: a fresh session is created, a guest
 * admitted, and a doc frame goes both ways.
 */
export async function expectRelayStillServes(relay: Relay): Promise<void> {
  const hosted = await createSession(relay, 'Other host');
  const { guest, id } = await joinSession(relay, hosted, 'Other guest');
  hosted.host.sendFrame(CHANNELS.doc, 0, new Uint8Array([1, 2, 3]));
  const toGuest = await guest.waitForFrame();
  guest.sendFrame(CHANNELS.doc, hosted.welcome.you.id, new Uint8Array([4]));
  const toHost = await hosted.host.waitForFrame();
  if (toGuest.from !== hosted.welcome.you.id || toHost.from !== id) throw new Error('frames were not stamped');
  if (toGuest.payload.join() !== '1,2,3' || toHost.payload.join() !== '4') throw new Error('frames were altered');
}

/** Proves an existing session still works: a new guest is admitted and gets a frame from the host. */
export async function expectSessionStillWorks(relay: Relay, hosted: Hosted, name = 'Late guest'): Promise<void> {
  const { guest } = await joinSession(relay, hosted, name);
  hosted.host.sendFrame(CHANNELS.chat, 0, new Uint8Array([7]));
  const frame = await guest.waitForFrame((f) => f.channel === CHANNELS.chat);
  if (frame.from !== hosted.welcome.you.id) throw new Error('frame was not stamped with the host id');
}

/** Waits a little (for "nothing else arrives" assertions). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
