import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { Hello, Limits } from '../src/shared/protocol';
import type { Whereabouts } from './cluster/registry';
import type { Connection } from './connection';
import type { Command } from './core/session-core';
import type { MemberLink } from './member-link';
import type { CoreEnv } from './core/session-core';
import { LocalAddressLimits, type AddressLimits } from './address-limits';
import { IpCounter } from './ip-limits';
import type { RelayMetrics } from './metrics';
import type { DriverDeps } from './session-driver';
import { SessionTable } from './session-table';
import type { RelayStore } from './store/relay-store';

/** What the relay's handlers share: limits, state, abuse counters, metrics, logger and the token key. */
export interface RelayContext {
  readonly limits: Limits;
  readonly store: RelayStore;
  readonly sessions: SessionTable;
  readonly metrics: RelayMetrics;
  readonly log: Logger;
  /** HMAC key for resume tokens. */
  readonly key: Buffer;
  /** Hellos per address, failed look-ups, sessions per address (in Redis in a cluster). */
  readonly addresses: AddressLimits;
  /** Knocks waiting per address (on this node). */
  readonly knocksByIp: IpCounter;
  /** What every session core is built with. */
  readonly coreEnv: CoreEnv;
  /** What every session driver is built with. */
  readonly driverDeps: DriverDeps;
  /** Set by `close()`: members are going away together, so no presence events are sent. */
  shuttingDown: boolean;
  /** This node's part in a cluster (`--redis-url`); undefined for a single relay. */
  cluster: ClusterHooks | undefined;
}

/** What admission and the hub ask of the cluster a node belongs to. */
export interface ClusterHooks {
  /** Where the session's core runs: here, on another live node, or claimed by this node just now. */
  locate(sid: string): Promise<Whereabouts>;
  /** Records this node as the owner of a session it just created. */
  own(sid: string): Promise<void>;
  /** Hands a hello to the session's owner; the connection is then the owner's to answer. */
  forwardHello(conn: MemberLink, node: string, hello: Hello): void;
  /** A validated control message from a member whose session lives elsewhere. */
  forwardControl(conn: Connection, message: Command): void;
  /** A checked data frame from a member whose session lives elsewhere. */
  forwardFrame(conn: Connection, data: Buffer): void;
  /** A member whose session lives elsewhere is gone from this node. */
  edgeClosed(conn: Connection): void;
  /** A session held here ended: its owner key goes. */
  ended(sid: string): void;
}

/** The shared state of one relay, wired together. */
export function createContext(parts: {
  limits: Limits;
  store: RelayStore;
  metrics: RelayMetrics;
  log: Logger;
  key: Buffer;
  addresses?: AddressLimits;
}): RelayContext {
  let cluster: ClusterHooks | undefined;
  const { limits, store, metrics, log, key } = parts;
  const sessions = new SessionTable();
  const addresses = parts.addresses ?? new LocalAddressLimits(limits);
  const knocksByIp = new IpCounter();
  return {
    limits,
    store,
    metrics,
    log,
    key,
    sessions,
    addresses,
    knocksByIp,
    coreEnv: {
      limits: { maxMembers: limits.maxMembersPerSession, maxLobby: limits.maxLobbyPerSession },
      now: Date.now,
      randomId: () => randomInt(1, 0x1_0000_0000),
    },
    driverDeps: {
      limits,
      store,
      metrics,
      log,
      key,
      knocks: (ip, delta) => knocksByIp.add(ip, delta),
      ended: (driver) => {
        sessions.remove(driver);
        cluster?.ended(driver.core.id);
        if (driver.ip !== undefined) addresses.releaseSession(driver.ip, driver.core.id);
      },
    },
    shuttingDown: false,
    get cluster() {
      return cluster;
    },
    set cluster(hooks) {
      cluster = hooks;
    },
  };
}
