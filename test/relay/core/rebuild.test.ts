import { describe, expect, it } from 'vitest';
import { SessionCore } from '../../../relay/core/session-core';
import { applyEntry, type RecordEntry, type SessionRecord } from '../../../relay/store/session-record';
import { admitted, newSession, ofType, testEnv, type Link } from './core-harness';

/** The record the core's own record effects produce. */
function recordOf(effects: { type: string; entry?: RecordEntry }[][]): SessionRecord {
  const records = new Map<string, SessionRecord>();
  for (const batch of effects) for (const effect of batch) if (effect.type === 'record') applyEntry(records, effect.entry!);
  return records.get('sid-1')!;
}

describe('session core: rebuilt from its record', () => {
  it('holds exactly the recorded members, reconnecting with grace timers, with their permissions; the revoked stay out', () => {
    const created = newSession();
    const { core } = created;
    const log = [created.effects];
    const run = (effects: typeof created.effects) => log.push(effects);
    run(core.knock('Gil', '10.0.0.1', 'gil').effects);
    run(core.command(core.host.id, 'host', { type: 'admit', memberId: 102 }));
    run(core.command(core.host.id, 'host', { type: 'set-permissions', memberId: 102, permissions: { terminalInput: true } }));
    run(core.knock('Rex', '10.0.0.2', 'rex').effects);
    run(core.command(core.host.id, 'host', { type: 'admit', memberId: 103 }));
    run(core.command(core.host.id, 'host', { type: 'remove', memberId: 103 }));

    const rebuilt = SessionCore.rebuild<Link>(testEnv(), recordOf(log));
    expect(rebuilt.core.code).toBe(core.code);
    expect(rebuilt.core.epoch).toBe(1);
    expect(rebuilt.core.memberViews()).toEqual([
      { id: core.host.id, name: 'Hana', role: 'host', permissions: { terminalInput: true }, connection: 'reconnecting' },
      { id: 102, name: 'Gil', role: 'guest', permissions: { terminalInput: true }, connection: 'reconnecting' },
    ]);
    expect(ofType(rebuilt.effects, 'grace').map((e) => e.memberId)).toEqual([core.host.id, 102]);
    expect(ofType(rebuilt.effects, 'record')[0]!.entry).toMatchObject({ t: 'epoch', epoch: 1 });
    expect(rebuilt.core.resume(103, 'guest', 'rex-again').admission).toEqual({ refused: 'unknown-code' });
    expect(rebuilt.core.resume(102, 'guest', 'gil-again').admission).toMatchObject({ outcome: 'resumed' });
  });

  it('a guest cannot come back as the host, nor the host as a guest', () => {
    const { core } = newSession();
    const gil = admitted(core, 'gil');
    expect(core.resume(gil, 'host', 'x').admission).toEqual({ refused: 'unknown-code' });
    expect(core.resume(core.host.id, 'guest', 'y').admission).toEqual({ refused: 'unknown-code' });
  });
});
