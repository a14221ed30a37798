import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { FileStore, RECORD_FILE } from '../../../relay/store/file-store';
import { RECORD_TTL_MS } from '../../../relay/store/relay-store';
import type { RecordEntry } from '../../../relay/store/session-record';

const log = pino({ level: 'silent' });
const dir = (): string => mkdtempSync(join(tmpdir(), 'duet-store-'));
const open = (path: string, extra: Partial<Parameters<typeof FileStore.open>[1]> = {}) => FileStore.open(path, { log, ...extra });

const opened = (sid: string, at = Date.now()): RecordEntry => ({ t: 'open', sid, code: `CODE-${sid}`, host: 1, name: 'Hana', autoAdmit: false, at });

describe('file store', () => {
  it('what was appended is there after a reopen: members, revocations, permissions, the end', async () => {
    const path = dir();
    const store = await open(path);
    const at = Date.now();
    await store.append([opened('s1', at), { t: 'member', sid: 's1', mid: 2, name: 'Gil', at }, { t: 'member', sid: 's1', mid: 3, name: 'Rex', at }]);
    await store.append([{ t: 'revoke', sid: 's1', mid: 3, why: 'removed', at }, { t: 'perm', sid: 's1', mid: 2, terminalInput: true, at }]);
    await store.append([opened('s2', at), { t: 'end', sid: 's2', reason: 'host-ended', at }]);
    await store.close();

    const again = await open(path);
    const s1 = await again.get('s1');
    expect([...s1!.members.values()].map((m) => [m.id, m.role, m.terminalInput])).toEqual([
      [1, 'host', true],
      [2, 'guest', true],
    ]);
    expect([...(s1!.revoked ?? [])]).toEqual([3]);
    expect(await again.sessionForCode('CODE-s1')).toBe('s1');
    expect((await again.get('s2'))?.ended).toBe(true);
    expect(await again.sessionForCode('CODE-s2')).toBeUndefined();
    // An ended session's code is never handed out again.
    expect(await again.claimCode('CODE-s2', 'new')).toBe(false);
    expect(await again.claimCode('CODE-fresh', 'new')).toBe(true);
    await again.close();
  });

  it('ignores a torn last line (the process died mid-write) and lines it cannot read, and rewrites a clean log', async () => {
    const path = dir();
    const store = await open(path);
    await store.append([opened('s1'), { t: 'member', sid: 's1', mid: 2, name: 'Gil', at: Date.now() }]);
    await store.close();
    const file = join(path, RECORD_FILE);
    const whole = readFileSync(file, 'utf8');
    writeFileSync(file, `${whole}not json\n{"t":"member","sid":"s1","mid":"x"}\n${JSON.stringify({ t: 'revoke', sid: 's1', mid: 2, why: 'removed', at: Date.now() }).slice(0, 30)}`);

    const lines: string[] = [];
    const watching = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const again = await FileStore.open(path, { log: watching });
    // The torn revoke never happened; the unreadable lines are skipped, and said so once.
    expect([...(await again.get('s1'))!.members.keys()]).toEqual([1, 2]);
    expect(lines.map((l) => JSON.parse(l) as { skipped: number; tornTail: boolean })).toMatchObject([{ skipped: 2, tornTail: true }]);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('not json');
    await again.close();
  });

  it('forgets records a token lifetime after their last entry', async () => {
    const path = dir();
    const store = await open(path);
    const now = Date.now();
    await store.append([opened('old', now - RECORD_TTL_MS - 1), opened('recent', now - RECORD_TTL_MS + 60_000)]);
    await store.close();
    const again = await open(path, { now: () => now });
    expect(await again.get('old')).toBeUndefined();
    expect(await again.get('recent')).toBeDefined();
    await again.close();
  });

  it('appends made together are written together, and every one resolves once durable', async () => {
    const path = dir();
    const store = await open(path);
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.append([opened(`s${i}`)])));
    const lines = readFileSync(join(path, RECORD_FILE), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(200);
    await store.close();
  });

  it('compacts a log that has grown far past what it describes', async () => {
    const path = dir();
    const store = await open(path, { compactMinBytes: 10_000 });
    await store.append([opened('s1')]);
    for (let i = 0; i < 300; i++) {
      await store.append([{ t: 'perm', sid: 's1', mid: 1, terminalInput: i % 2 === 0, at: Date.now() }]);
    }
    const size = statSync(join(path, RECORD_FILE)).size;
    expect(size).toBeLessThan(10_000);
    await store.close();
    expect((await (await open(path)).get('s1'))?.code).toBe('CODE-s1');
  });

  it('keeps its file private (0600)', async () => {
    const path = dir();
    const store = await open(path);
    await store.append([opened('s1')]);
    expect(statSync(join(path, RECORD_FILE)).mode & 0o777).toBe(0o600);
    await store.close();
  });
});
