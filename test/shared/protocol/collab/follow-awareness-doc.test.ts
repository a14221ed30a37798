import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AWARENESS_FOLLOW_REQUEST_FIELDS,
  AWARENESS_VIEW_FIELDS,
  FOLLOW_AWARENESS_FIELDS,
  readFollowRequest,
  readFollowing,
  readView,
} from '../../../../src/shared/protocol/collab/follow-awareness';

const doc = readFileSync(new URL('../../../../docs/protocol.md', import.meta.url), 'utf8');

/** `{ name: type }` of the markdown table whose header row starts with `header`. */
function table(header: string): Record<string, string> {
  const lines = doc.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${header} |`));
  expect(start, `docs/protocol.md has a "${header}" table`).toBeGreaterThanOrEqual(0);
  const rows: Record<string, string> = {};
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [name, type] = line.split('|').slice(1, -1).map((cell) => cell.trim().replace(/`/g, ''));
    rows[name!] = type!;
  }
  return rows;
}

describe('docs/protocol.md documents follow mode as src/shared/protocol/collab/follow-awareness.ts defines it', () => {
  it('lists the awareness fields follow mode adds', () => {
    expect(table('follow awareness field')).toEqual(FOLLOW_AWARENESS_FIELDS);
  });

  it('lists the fields of view and followMe', () => {
    expect(table('`view` field')).toEqual(AWARENESS_VIEW_FIELDS);
    expect(table('`followMe` field')).toEqual(AWARENESS_FOLLOW_REQUEST_FIELDS);
  });
});

describe('readers of the follow fields (peers may be hostile)', () => {
  it('keep a valid view and drop what is not one', () => {
    expect(readView({ topLine: 120 })).toEqual({ topLine: 120 });
    expect(readView({ file: 'src/main.py', topLine: 3 })).toEqual({ file: 'src/main.py', topLine: 3 });
    expect(readView({ file: 'x'.repeat(513), topLine: 3 })).toEqual({ topLine: 3 });
    for (const bad of [null, 'view', { topLine: 0 }, { topLine: 1.5 }, { topLine: '4' }, {}]) expect(readView(bad)).toBeUndefined();
  });

  it('read a request and whom a member follows only from numbers', () => {
    expect(readFollowRequest({ since: 1700000000000 })).toEqual({ since: 1700000000000 });
    expect(readFollowRequest(null)).toBeUndefined();
    expect(readFollowRequest({ since: 'now' })).toBeUndefined();
    expect(readFollowing(7)).toBe(7);
    expect(readFollowing(null)).toBeUndefined();
    expect(readFollowing(-1)).toBeUndefined();
  });
});
