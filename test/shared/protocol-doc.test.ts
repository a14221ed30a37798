import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANNELS, CLOSE_CODES, DEFAULT_LIMITS, EVERYONE, FINAL_CLOSE_REASONS, SOFT_ERRORS, encodeFrame } from '../../src/shared/protocol';
import {
  AWARENESS_USER_FIELDS,
  CHAT_ENTRY_FIELDS,
  DEFAULT_LANGUAGE,
  DOC_ROOTS,
  FILE_ENTRY_KEYS,
  MAX_CHAT_LENGTH,
  META_KEYS,
  PUBLISHED_PRESET_FIELDS,
} from '../../src/shared/protocol/collab/doc-layout';
import { WORKSPACE_LIMITS, mainFileOf } from '../../src/shared/protocol/collab/workspace-paths';
import { ClientMessage, Hello, MAX_HELLO_NAME_UNITS, RelayMessage, Welcome } from '../../src/shared/protocol/control';
import { MAX_RUN_COMMAND_LENGTH, RunState } from '../../src/shared/protocol/run/run-wire';
import { encodeTerminalMessage } from '../../src/shared/protocol/terminal/terminal-wire';
import { CLIENT_DEFAULTS } from '../../src/shared/session-client';

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

/** Every table between `heading` and the next `## ` heading, each as rows of cells. */
function tablesIn(heading: string): string[][][] {
  const start = doc.indexOf(`\n${heading}\n`);
  expect(start, `docs/protocol.md has a "${heading}" section`).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf('\n## ', start + heading.length + 1);
  const lines = doc.slice(start, end === -1 ? undefined : end).split('\n');
  const tables: string[][][] = [];
  let current: string[][] | undefined;
  let header = 0;
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('|')) {
      current = undefined;
      continue;
    }
    if (!current) {
      tables.push((current = []));
      header = 2;
    }
    if (header > 0) {
      header--;
      continue;
    }
    current.push(trimmed.split('|').slice(1, -1).map((cell) => cell.trim().replace(/`/g, '')));
  }
  return tables;
}

/** The fenced block of `language` that follows `heading`. */
function blockAfter(heading: string, language: string): string {
  const start = doc.indexOf(`\n${heading}\n`);
  expect(start, `docs/protocol.md has a "${heading}" section`).toBeGreaterThanOrEqual(0);
  const open = doc.indexOf(`\`\`\`${language}\n`, start);
  return doc.slice(open + language.length + 4, doc.indexOf('\n```', open + 3));
}

const fields = (rows: string[][]) => Object.fromEntries(rows.map(([name, type]) => [name, type]));

describe('docs/protocol.md: what clients agree on beyond the relay', () => {
  it('lays out the shared document as doc-layout.ts does', () => {
    const [roots, meta, file, limits, chat, presets, awareness] = tablesIn('## Shared document');
    expect(fields(roots!)).toEqual(DOC_ROOTS);
    expect(meta!.map(([key]) => key)).toEqual(Object.keys(META_KEYS));
    expect(fields(file!)).toEqual(FILE_ENTRY_KEYS);
    const documentedLimits = Object.fromEntries(limits!.map(([name, value]) => [name, value]));
    expect(Object.keys(documentedLimits)).toEqual(Object.keys(WORKSPACE_LIMITS));
    for (const [name, value] of Object.entries(WORKSPACE_LIMITS)) {
      expect(documentedLimits[name], name).toBe(value >= 1024 * 1024 ? `${value / (1024 * 1024)} MiB` : String(value));
    }
    expect(doc).toContain(`starts with one file, \`${mainFileOf(DEFAULT_LANGUAGE)}\``);
    expect(fields(chat!)).toEqual(CHAT_ENTRY_FIELDS);
    expect(chat!.find(([name]) => name === 'text')![2]).toContain(String(MAX_CHAT_LENGTH));
    expect(fields(presets!)).toEqual(PUBLISHED_PRESET_FIELDS);
    expect(fields(awareness!)).toEqual(AWARENESS_USER_FIELDS);
  });

  it('lists every RunState status with its fields', () => {
    const table = tablesIn('## Application payloads').find((rows) => rows.some(([status]) => status === 'running'))!;
    const documented = Object.fromEntries(table.map(([status, cells]) => [status, cells!]));
    for (const option of RunState.options) {
      const status = option.shape.status.value;
      expect(documented[status], `status ${status}`).toBeDefined();
      for (const field of Object.keys(option.shape).filter((name) => name !== 'status')) expect(documented[status], `${status}.${field}`).toContain(field);
    }
    expect(table).toHaveLength(RunState.options.length);
    expect(documented.running).toContain(String(MAX_RUN_COMMAND_LENGTH));
  });

  it('lists every welcome.limits field and the hello length caps the schema applies', () => {
    const [caps, limits] = tablesIn('## Lengths and welcome limits');
    expect(limits!.map(([field]) => field).sort()).toEqual(Object.keys(Welcome.shape.limits.shape).sort());
    const cap = Object.fromEntries(caps!.map(([field, most]) => [field, Number.parseInt(most!, 10)]));
    expect(cap).toEqual({
      name: Hello.shape.name.maxLength,
      code: Hello.shape.code.unwrap().maxLength,
      token: Hello.shape.token.unwrap().maxLength,
    });
  });

  it('gives the client timings Duet’s session client uses', () => {
    const [timings] = tablesIn('## Client timings');
    const documented = Object.fromEntries(timings!.map(([setting, value]) => [setting, value]));
    expect(Number(documented.pingIntervalMs)).toBe(CLIENT_DEFAULTS.pingIntervalMs);
    expect(Number(documented.unstableAfterMs)).toBe(CLIENT_DEFAULTS.unstableAfterMs);
    expect(Number(documented.deadAfterMs)).toBe(CLIENT_DEFAULTS.deadAfterMs);
    expect(Number(documented.reconnectInitialDelayMs)).toBe(CLIENT_DEFAULTS.reconnectInitialDelayMs);
    expect(Number(documented.reconnectMaxDelayMs)).toBe(CLIENT_DEFAULTS.reconnectMaxDelayMs);
    expect(documented.maxQueuedBytes).toBe(`${CLIENT_DEFAULTS.maxQueuedBytes / (1024 * 1024)} MiB`);
  });

  it('has a valid JSON example of every control message, in both directions', () => {
    const examples = (heading: string) => blockAfter(heading, 'json').split('\n').map((line) => JSON.parse(line) as { type: string });
    const client = examples('### Client → relay messages');
    const relay = examples('### Relay → client messages');
    for (const message of client) expect(ClientMessage.safeParse(message).success, JSON.stringify(message)).toBe(true);
    for (const message of relay) expect(RelayMessage.safeParse(message).success, JSON.stringify(message)).toBe(true);
    expect(new Set(client.map((m) => m.type))).toEqual(new Set(ClientMessage.options.map((o) => o.shape.type.value)));
    expect(new Set(relay.map((m) => m.type))).toEqual(new Set(RelayMessage.options.map((o) => o.shape.type.value)));
  });

  it('has a hex dump of a data frame that decodes as the text says', () => {
    const hex = blockAfter('### A data frame', 'text').trim().split(/\s+/);
    const bytes = Uint8Array.from(hex, (byte) => Number.parseInt(byte, 16));
    expect(bytes).toEqual(
      encodeFrame(CHANNELS.terminalOut, EVERYONE, encodeTerminalMessage({ kind: 'output', seq: 1024, data: new TextEncoder().encode('hi\r\n') }), 0x1a2b3c4d),
    );
  });
});
