import type { Effect } from '../../../relay/core/effects';
import { SessionCore, type CoreEnv } from '../../../relay/core/session-core';

/** Links are just names in these tests: the core never looks inside them. */
export type Link = string;

/** An environment with a fixed clock and member ids 101, 102, … */
export function testEnv(limits: Partial<CoreEnv['limits']> = {}): CoreEnv {
  let next = 100;
  return {
    limits: { maxMembers: 16, maxLobby: 16, ...limits },
    now: () => 1_000,
    randomId: () => ++next,
  };
}

/** A session created by host link `host` (member id 101). */
export function newSession(env = testEnv(), autoAdmit = false): { core: SessionCore<Link>; effects: Effect<Link>[] } {
  return SessionCore.create<Link>(env, { id: 'sid-1', code: 'CODE-CODE-CODE', name: 'Hana', autoAdmit, link: 'host' });
}

/** A knock from `link` admitted by the host; returns the new member's id. */
export function admitted(core: SessionCore<Link>, link: Link, name = 'Gil', ip = '10.0.0.1'): number {
  const { admission } = core.knock(name, ip, link);
  if (!('memberId' in admission)) throw new Error(`knock refused: ${admission.refused}`);
  core.command(core.host.id, 'host', { type: 'admit', memberId: admission.memberId });
  return admission.memberId;
}

/** The effects of one type, narrowed. */
export function ofType<T extends Effect<Link>['type']>(effects: readonly Effect<Link>[], type: T): Extract<Effect<Link>, { type: T }>[] {
  return effects.filter((e): e is Extract<Effect<Link>, { type: T }> => e.type === type);
}

/** The messages sent to `link`, by type, in order. */
export function sentTo(effects: readonly Effect<Link>[], link: Link): string[] {
  return ofType(effects, 'send')
    .filter((e) => e.to.includes(link))
    .map((e) => e.message.type);
}
