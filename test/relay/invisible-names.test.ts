import { describe, expect, it } from 'vitest';
import { displayName } from '../../relay/display-name';
import { MAX_HELLO_NAME_UNITS } from '../../src/shared/protocol';
import { ClientMessage } from '../../src/shared/protocol/control';
import { connect, createSession, startRelay } from './support/fixture';

describe('names that would show nothing', () => {
  it('a name of only zero-width, format or filler characters becomes "Host" / "Guest"', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay, '\u200B\u200C\u200D\u2060\uFEFF');
    expect(hosted.welcome.you.name).toBe('Host');
    const names = ['\u3164\u3164', '\u115F\u1160', '\u2800', '\uFFA0 \u200B', '\u0301\u0301', '\uFE0F', '\u{E0041}\u{E0042}'];
    for (const [i, invisible] of names.entries()) {
      // One address per knock: an address may only have a few knocks waiting.
      const guest = await connect(relay, { localAddress: `127.0.0.${70 + i}` });
      guest.hello({ intent: 'join', code: hosted.code, name: invisible });
      expect((await hosted.host.waitFor('knock')).name, JSON.stringify(invisible)).toBe('Guest');
    }
  });

  it('visible names keep their joiners, accents and emoji', () => {
    expect(displayName('👩‍💻', 64, 'Guest')).toBe('👩‍💻');
    expect(displayName('Zoe\u0301', 64, 'Guest')).toBe('Zoe\u0301');
    expect(displayName('\u200BAna\u200B', 64, 'Guest')).toBe('\u200BAna\u200B');
    expect(displayName('❤️', 64, 'Guest')).toBe('❤️');
  });

  it('hello counts the name limit in code points (as documented), not UTF-16 units', () => {
    const astral = '😀'.repeat(MAX_HELLO_NAME_UNITS);
    expect(astral.length).toBe(2 * MAX_HELLO_NAME_UNITS);
    const hello = (name: string) => ClientMessage.safeParse({ type: 'hello', v: 1, name, intent: 'create' }).success;
    expect(hello(astral)).toBe(true);
    expect(hello(`${astral}😀`)).toBe(false);
  });
});
