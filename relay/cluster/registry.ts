import { keys } from './keys';
import type { CommandClient } from './redis-clients';

/** A node is taken for dead this long after its last heartbeat. */
export const NODE_TTL_MS = 1_500;
/** Heartbeat: refreshes this node's liveness key. */
export const HEARTBEAT_MS = 500;
/** An owner key lives this long unless its owner refreshes it (a dead node's sessions free themselves). */
export const OWNER_TTL_MS = 30_000;

// Compare-and-set on one key, so two nodes can never both take a session over.
const CLAIM = `local cur = redis.call('GET', KEYS[1])
if (cur == false and ARGV[1] == '') or cur == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;
const REFRESH = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Where a session's core runs, as far as the registry knows. */
export type Whereabouts = { readonly at: 'here' } | { readonly at: 'node'; readonly node: string } | { readonly at: 'claimed' };

/**
 * Which node owns which session, and which nodes are alive: owner keys (`SET NX`, refreshed
 * by their owner, taken over only by compare-and-set from a dead owner) and liveness keys
 * (`PX`, refreshed by each node's heartbeat). A dead node's keys expire by themselves.
 */
export class ClusterRegistry {
  constructor(
    private readonly redis: CommandClient,
    /** This node's bus address. */
    readonly self: string,
  ) {}

  /** Refreshes this node's liveness key (and its inbox's expiry, so a dead node's inbox goes too). */
  async heartbeat(): Promise<void> {
    await Promise.all([
      this.redis.set(keys.node(this.self), String(Date.now()), { expiration: { type: 'PX', value: NODE_TTL_MS } }),
      this.redis.pExpire(keys.inbox(this.self), 10 * OWNER_TTL_MS),
    ]);
  }

  /** Which of `nodes` are alive. */
  async alive(nodes: readonly string[]): Promise<Set<string>> {
    if (nodes.length === 0) return new Set();
    const values = await this.redis.mGet(nodes.map((node) => keys.node(node)));
    return new Set(nodes.filter((_, i) => values[i] !== null));
  }

  /** Records this node as the owner of a new session. */
  async own(sid: string): Promise<boolean> {
    return (await this.redis.set(keys.owner(sid), this.self, { condition: 'NX', expiration: { type: 'PX', value: OWNER_TTL_MS } })) === 'OK';
  }

  /**
   * Where the session's core runs: here, on another live node, or — when its owner is gone
   * or it has none — claimed by this node just now (the caller rebuilds it from the record).
   */
  async locate(sid: string): Promise<Whereabouts> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const owner = await this.redis.get(keys.owner(sid));
      if (owner === this.self) return { at: 'here' };
      if (owner !== null && (await this.alive([owner])).has(owner)) return { at: 'node', node: owner };
      if (await this.cas(sid, owner ?? '')) return { at: 'claimed' };
      // Another node claimed it between our read and our write: look again.
    }
    throw new Error(`session ${sid}: ownership keeps changing`);
  }

  /** Refreshes this node's owner keys; returns the sessions it no longer owns (taken over while it was cut off). */
  async refresh(sids: readonly string[]): Promise<string[]> {
    const results = await Promise.all(
      sids.map((sid) => this.redis.eval(REFRESH, { keys: [keys.owner(sid)], arguments: [this.self, String(OWNER_TTL_MS)] })),
    );
    return sids.filter((_, i) => results[i] !== 1);
  }

  /** Re-establishes owner keys after Redis lost them (a restart without persistence); false where another node owns it now. */
  async reassert(sid: string): Promise<boolean> {
    return (await this.own(sid)) || (await this.redis.get(keys.owner(sid))) === this.self;
  }

  /** Gives up this node's ownership (draining), so another node can take the session at once. */
  async release(sid: string): Promise<void> {
    await this.redis.eval(RELEASE, { keys: [keys.owner(sid)], arguments: [this.self] });
  }

  private async cas(sid: string, expected: string): Promise<boolean> {
    const result = await this.redis.eval(CLAIM, { keys: [keys.owner(sid)], arguments: [expected, this.self, String(OWNER_TTL_MS)] });
    return result === 1;
  }
}
