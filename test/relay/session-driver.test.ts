import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../relay/connection';
import { SessionCore } from '../../relay/core/session-core';
import { RelayMetrics } from '../../relay/metrics';
import { SessionDriver } from '../../relay/session-driver';
import type { RelayStore } from '../../relay/store/relay-store';
import type { RecordEntry } from '../../relay/store/session-record';
import { DEFAULT_LIMITS } from '../../src/shared/protocol';
import { testEnv } from './core/core-harness';

/** A store whose writes become durable only when the test says so. */
class HeldStore implements RelayStore {
  readonly immediate = false;
  readonly written: RecordEntry[][] = [];
  private readonly pending: (() => void)[] = [];
  get = () => Promise.resolve(undefined);
  sessionForCode = () => Promise.resolve(undefined);
  claimCode = () => Promise.resolve(true);
  close = () => Promise.resolve();
  append(entries: readonly RecordEntry[]): Promise<void> {
    return new Promise((resolve) => {
      this.pending.push(() => {
        this.written.push([...entries]);
        resolve();
      });
    });
  }
  /** Makes the oldest pending write durable. */
  async release(): Promise<void> {
    this.pending.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A connection that only records what it is sent (the driver's whole view of one). */
function fakeConnection(sent: string[]): Connection {
  return {
    send: (message: { type: string }) => sent.push(message.type),
    sendJson: (json: string) => sent.push((JSON.parse(json) as { type: string }).type),
    close: (reason: string) => sent.push(`close:${reason}`),
  } as unknown as Connection;
}

function driverWith(store: RelayStore) {
  const deps = {
    limits: DEFAULT_LIMITS,
    store,
    metrics: new RelayMetrics({ connections: () => 0, sessions: () => 0, lookupBudgetExhausted: () => false }),
    log: pino({ level: 'silent' }),
    key: Buffer.from('a key for the driver tests, long'),
    knocks: () => undefined,
    ended: () => undefined,
  };
  return deps;
}

describe('session driver: nobody hears of a decision before it is durable', () => {
  it('holds a welcome until the session is recorded, and later batches queue behind it in order', async () => {
    const store = new HeldStore();
    const hostSent: string[] = [];
    const { core, effects } = SessionCore.create<Connection>(testEnv(), { id: 's', code: 'C', name: 'Hana', autoAdmit: false, link: fakeConnection(hostSent) });
    const driver = new SessionDriver(core, driverWith(store));
    driver.run(effects);
    // A knock needs no record, but it must not overtake the welcome.
    const gilSent: string[] = [];
    driver.run(core.knock('Gil', '10.0.0.1', fakeConnection(gilSent)).effects);
    await new Promise((resolve) => setImmediate(resolve));
    expect(hostSent).toEqual([]);
    expect(gilSent).toEqual([]);
    await store.release();
    expect(store.written[0]!.map((e) => e.t)).toEqual(['open']);
    expect(hostSent).toEqual(['welcome', 'knock']);
    expect(gilSent).toEqual(['lobby']);
  });

  it('announces a removal only once the revocation is written', async () => {
    const store = new HeldStore();
    const hostSent: string[] = [];
    const gilSent: string[] = [];
    const { core, effects } = SessionCore.create<Connection>(testEnv(), { id: 's', code: 'C', name: 'Hana', autoAdmit: true, link: fakeConnection(hostSent) });
    const driver = new SessionDriver(core, driverWith(store));
    driver.run(effects);
    driver.run(core.knock('Gil', '10.0.0.1', fakeConnection(gilSent)).effects);
    await store.release();
    await store.release();
    driver.run(core.command(core.host.id, core.host.link!, { type: 'remove', memberId: 102 }));
    // Already out of the session (routing stops at once), but not yet told.
    expect(core.members.has(102)).toBe(false);
    expect(gilSent).not.toContain('close:removed');
    await store.release();
    expect(store.written.at(-1)!.map((e) => e.t)).toEqual(['revoke']);
    expect(gilSent.at(-1)).toBe('close:removed');
    expect(hostSent.at(-1)).toBe('member-left');
    await driver.settled();
  });
});
