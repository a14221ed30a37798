import { describe, expect, it } from 'vitest';
import { decodeRunMessage, encodeRunMessage } from '../../../../src/shared/protocol/run/run-wire';

describe('run channel payloads', () => {
  it('round-trip state, run and stop', () => {
    for (const message of [
      { type: 'state', state: { status: 'running', language: 'python', command: 'python3 main.py', startedAt: 5 } },
      { type: 'state', state: { status: 'exited', language: 'c', exitCode: 3, durationMs: 12 } },
      { type: 'run' },
      { type: 'stop' },
    ] as const) {
      expect(decodeRunMessage(encodeRunMessage(message))).toEqual(message);
    }
  });

  it('reject anything else', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(decodeRunMessage(bytes('not json'))).toBeUndefined();
    expect(decodeRunMessage(bytes('{"type":"state","state":{"status":"running","language":"cobol"}}'))).toBeUndefined();
    expect(decodeRunMessage(bytes('{"type":"rm -rf"}'))).toBeUndefined();
  });
});
