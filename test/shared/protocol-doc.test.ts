import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANNELS, CLOSE_CODES, DEFAULT_LIMITS, FINAL_CLOSE_REASONS, SOFT_ERRORS } from '../../src/shared/protocol';
import { ClientMessage, MAX_HELLO_NAME_UNITS, RelayMessage } from '../../src/shared/protocol/control';

const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');

/** Rows of the markdown table that follows `heading`. */
function tableAfter(heading: string): string[][] {
  const start = doc.indexOf(heading);
  expect(start, `docs/protocol.md has a "${heading}" section`).toBeGreaterThanOrEqual(0);
  const lines = doc.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim().replace(/`/g, '')));
  }
  return rows;
}

describe('docs/protocol.md matches src/shared/protocol', () => {
  it('lists every close code with its number and finality', () => {
    const rows = tableAfter('## Close and error codes');
    const documented = Object.fromEntries(rows.map(([code, name, final]) => [name, { code: Number(code), final }]));
    for (const [name, code] of Object.entries(CLOSE_CODES)) {
      expect(documented[name], `close reason ${name}`).toEqual({
        code,
        final: FINAL_CLOSE_REASONS.has(name as never) ? 'yes' : 'no',
      });
    }
    expect(rows).toHaveLength(Object.keys(CLOSE_CODES).length);
  });

  it('lists every non-fatal error', () => {
    const rows = tableAfter('Non-fatal errors');
    expect(rows.map(([code]) => code).sort()).toEqual(Object.keys(SOFT_ERRORS).sort());
  });

  it('lists every channel with its id', () => {
    const rows = tableAfter('## Channels');
    expect(Object.fromEntries(rows.map(([id, name]) => [name, Number(id)]))).toEqual(CHANNELS);
  });

  it('lists every limit', () => {
    const text = tableAfter('## Limits').map(([name]) => name).join(' ');
    for (const name of Object.keys(DEFAULT_LIMITS)) expect(text, name).toContain(name);
  });

  it('documents every control message type in both directions', () => {
    const clientTypes = tableAfter('## Control messages, client → relay').map(([type]) => type);
    const relayTypes = tableAfter('## Control messages, relay → client').map(([type]) => type);
    expect(clientTypes.sort()).toEqual(ClientMessage.options.map((o) => o.shape.type.value).sort());
    expect(relayTypes.sort()).toEqual(RelayMessage.options.map((o) => o.shape.type.value).sort());
  });
});

describe('control message validation', () => {
  it('accepts a well-formed hello and rejects extra fields and wrong types', () => {
    expect(ClientMessage.safeParse({ type: 'hello', v: 1, name: 'Ada', intent: 'create' }).success).toBe(true);
    expect(ClientMessage.safeParse({ type: 'hello', v: 1, name: 'Ada', intent: 'create', x: 1 }).success).toBe(false);
    expect(ClientMessage.safeParse({ type: 'hello', v: '1', name: 'Ada', intent: 'create' }).success).toBe(false);
    // Blank and long names are the relay's to clean ("Host"/"Guest", cut to maxNameLength); only absurd ones are refused.
    expect(ClientMessage.safeParse({ type: 'hello', v: 1, name: '   ', intent: 'create' }).success).toBe(true);
    expect(ClientMessage.safeParse({ type: 'hello', v: 1, name: 'x'.repeat(MAX_HELLO_NAME_UNITS), intent: 'create' }).success).toBe(true);
    expect(ClientMessage.safeParse({ type: 'hello', v: 1, name: 'x'.repeat(MAX_HELLO_NAME_UNITS + 1), intent: 'create' }).success).toBe(false);
    expect(ClientMessage.safeParse({ type: 'admit', memberId: 0 }).success).toBe(false);
    expect(ClientMessage.safeParse({ type: 'nope' }).success).toBe(false);
  });
});
