import { describe, expect, it } from 'vitest';
import { hostMemberId, mayTypeInTerminal, splitInput } from '../../../src/renderer/terminal/terminal-input';
import { TypingActivity, TypingThrottle, describeTyping } from '../../../src/renderer/terminal/typing-activity';
import type { Member } from '../../../src/shared/protocol';

const member = (id: number, role: Member['role'], terminalInput: boolean): Member => ({
  id,
  name: `m${id}`,
  role,
  permissions: { terminalInput },
  connection: 'online',
});

describe('who may type into the host terminal', () => {
  it('only guests the host granted, never unknown senders', () => {
    expect(mayTypeInTerminal(member(2, 'guest', true), true)).toBe(true);
    expect(mayTypeInTerminal(member(2, 'guest', false), true)).toBe(false);
    expect(mayTypeInTerminal(member(1, 'host', true), true)).toBe(false);
    expect(mayTypeInTerminal(undefined, true)).toBe(false);
    // The relay says "granted" but the host never granted it (or already revoked it): refused.
    expect(mayTypeInTerminal(member(2, 'guest', true), false)).toBe(false);
  });

  it('finds the host among the members', () => {
    const members = new Map([
      [2, member(2, 'guest', false)],
      [1, member(1, 'host', false)],
    ]);
    expect(hostMemberId(members)).toBe(1);
    expect(hostMemberId(new Map())).toBeUndefined();
  });
});

describe('splitInput', () => {
  it('keeps short input whole and splits a long paste into bounded pieces', () => {
    expect(splitInput('ls\r')).toEqual(['ls\r']);
    const paste = 'x'.repeat(40_000);
    const pieces = splitInput(paste, 16_384);
    expect(pieces.map((p) => p.length)).toEqual([16_384, 16_384, 7_232]);
    expect(pieces.join('')).toBe(paste);
  });

  it('never splits a surrogate pair', () => {
    const text = 'ab😀cd';
    const pieces = splitInput(text, 3);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) expect(piece).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
  });
});

describe('typing activity', () => {
  it('announces a member at most once per interval', () => {
    let now = 0;
    const throttle = new TypingThrottle(300, () => now);
    expect(throttle.take(2)).toBe(true);
    now = 100;
    expect(throttle.take(2)).toBe(false);
    expect(throttle.take(3)).toBe(true);
    now = 300;
    expect(throttle.take(2)).toBe(true);
  });

  it('shows a typist until shortly after the last announcement', () => {
    const activity = new TypingActivity(1500);
    activity.note(2, 0);
    activity.note(3, 1000);
    expect(activity.typing(1200)).toEqual([2, 3]);
    expect(activity.nextFade(1200)).toBe(1500);
    expect(activity.typing(1500)).toEqual([3]);
    activity.note(3, 2000);
    expect(activity.typing(3000)).toEqual([3]);
    expect(activity.typing(3500)).toEqual([]);
    expect(activity.nextFade(3500)).toBeUndefined();
  });

  it('says who is typing in words', () => {
    expect(describeTyping([])).toBe('');
    expect(describeTyping(['Ada'])).toBe('Ada is typing…');
    expect(describeTyping(['You'])).toBe('You are typing…');
    expect(describeTyping(['Ada', 'Bo'])).toBe('Ada and Bo are typing…');
    expect(describeTyping(['Ada', 'Bo', 'Cy'])).toBe('Ada, Bo and Cy are typing…');
  });
});
