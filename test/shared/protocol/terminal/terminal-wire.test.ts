import { describe, expect, it } from 'vitest';
import {
  decodeTerminalInput,
  decodeTerminalMessage,
  encodeTerminalInput,
  encodeTerminalMessage,
  type TerminalMessage,
} from '../../../../src/shared/protocol/terminal/terminal-wire';

describe('terminal channel payloads', () => {
  const messages: TerminalMessage[] = [
    { kind: 'output', seq: 123_456_789_012, data: new Uint8Array([27, 91, 65, 104, 105]) },
    { kind: 'snapshot', seq: 42, cols: 120, rows: 40, data: '\x1b[1mhé\x1b[0m ✓' },
    { kind: 'resize', cols: 80, rows: 24 },
    { kind: 'typing', memberId: 0xfffffff0 },
    { kind: 'resync-request', seq: 0 },
    { kind: 'request-declined' },
    { kind: 'shell-exited', exitCode: 130 },
    { kind: 'shell-exited', exitCode: -1 },
  ];

  it.each(messages)('round-trip $kind', (message) => {
    expect(decodeTerminalMessage(encodeTerminalMessage(message))).toEqual(message);
  });

  it('reject malformed payloads instead of trusting a peer', () => {
    expect(decodeTerminalMessage(new Uint8Array())).toBeUndefined();
    expect(decodeTerminalMessage(new Uint8Array([99, 1, 2]))).toBeUndefined();
    expect(decodeTerminalMessage(new Uint8Array([1, 0, 0]))).toBeUndefined();
    const negative = encodeTerminalMessage({ kind: 'resync-request', seq: 0 });
    new DataView(negative.buffer).setFloat64(1, -5);
    expect(decodeTerminalMessage(negative)).toBeUndefined();
    const fractional = encodeTerminalMessage({ kind: 'output', seq: 0, data: new Uint8Array() });
    new DataView(fractional.buffer).setFloat64(1, 1.5);
    expect(decodeTerminalMessage(fractional)).toBeUndefined();
    expect(decodeTerminalMessage(new Uint8Array([3, 0, 0, 0, 24]))).toBeUndefined();
    expect(decodeTerminalMessage(new Uint8Array([6, 0]))).toBeUndefined();
  });

  it('carry keystrokes as UTF-8', () => {
    expect(decodeTerminalInput(encodeTerminalInput('ls -la ✓\r'))).toBe('ls -la ✓\r');
  });
});
