import { describe, expect, it } from 'vitest';
import { displayName } from '../../relay/display-name';
import { CLOSE_CODES, MAX_HELLO_NAME_UNITS, PROTOCOL_VERSION } from '../../src/shared/protocol';
import { connect, createSession, startRelay } from './support/fixture';

/** True when every UTF-16 surrogate in `text` has its other half. */
function wellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

describe('display names: what others see', () => {
  it('a name longer than --max-name-length is cut to it, not refused', async () => {
    const relay = await startRelay();
    const { welcome } = await createSession(relay, 'x'.repeat(65));
    expect(welcome.you.name).toBe('x'.repeat(64));
  });

  it('--max-name-length above 64 lets longer names through whole', async () => {
    const relay = await startRelay({ limits: { maxNameLength: 100 } });
    const long = 'Bartholomew '.repeat(8).trim();
    expect(long.length).toBe(95);
    expect((await createSession(relay, long)).welcome.you.name).toBe(long);
  });

  it('names are cut by character as a person counts them: an emoji or accent is never split', async () => {
    const relay = await startRelay({ limits: { maxNameLength: 5 } });
    const hosted = await createSession(relay, '👩‍💻'.repeat(20));
    expect(hosted.welcome.you.name).toBe('👩‍💻'.repeat(5));
    expect(wellFormed(hosted.welcome.you.name)).toBe(true);
    const guest = await connect(relay);
    guest.hello({ intent: 'join', code: hosted.code, name: 'Zoe\u0301 Saldaña' });
    expect((await hosted.host.waitFor('knock')).name).toBe('Zoe\u0301 S');
  });

  it('control characters, escape sequences and bidi overrides are removed; whitespace is tidied', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay, '  Hana\u0000 \u001b[31mRed\u001b[0m  ');
    expect(hosted.welcome.you.name).toBe('Hana [31mRed[0m');
    const guest = await connect(relay);
    guest.hello({ intent: 'join', code: hosted.code, name: 'Gil\u202Egnp.exe\tfrom\nHR\u0085' });
    const knock = await hosted.host.waitFor('knock');
    expect(knock.name).toBe('Gilgnp.exe from HR');
  });

  it('a name that is empty once cleaned becomes "Host" for a creator and "Guest" for a joiner', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay, ' \u202E\u0007 ');
    expect(hosted.welcome.you.name).toBe('Host');
    const guest = await connect(relay);
    guest.hello({ intent: 'join', code: hosted.code, name: '' });
    expect((await hosted.host.waitFor('knock')).name).toBe('Guest');
  });

  it('a name over the hard cap is still refused as a bad message', async () => {
    const relay = await startRelay({ limits: { maxNameLength: 1000 } });
    const client = await connect(relay);
    client.send({ type: 'hello', v: PROTOCOL_VERSION, intent: 'create', name: 'x'.repeat(MAX_HELLO_NAME_UNITS + 1) });
    expect((await client.waitForClose()).code).toBe(CLOSE_CODES['bad-message']);
    // At the cap it is fine, and comes back whole with a relay that allows that many characters.
    const atCap = 'x'.repeat(MAX_HELLO_NAME_UNITS);
    expect((await createSession(relay, atCap)).welcome.you.name).toBe(atCap);
  });

  it('the longest, widest name a relay keeps still fits a resume token that works', async () => {
    const relay = await startRelay({ limits: { maxNameLength: 1000 } });
    // Three UTF-8 bytes per UTF-16 unit, and quotes that JSON doubles: the worst a token can carry.
    const wide = '"語'.repeat(MAX_HELLO_NAME_UNITS / 2);
    const hosted = await createSession(relay, wide);
    expect(wide.startsWith(hosted.welcome.you.name)).toBe(true);
    expect(hosted.welcome.resumeToken.length).toBeLessThanOrEqual(1024);
    hosted.host.ws.terminate();
    const back = await connect(relay);
    back.hello({ intent: 'resume', token: hosted.welcome.resumeToken });
    const welcome = await back.waitFor('welcome');
    expect(welcome.resumed).toBe(true);
    expect(welcome.you.name).toBe(hosted.welcome.you.name);
  });
});

describe('displayName', () => {
  it('drops lone surrogates, keeps joiners and combining marks', () => {
    expect(displayName('\uD800Ana\uDC00', 64, 'Guest')).toBe('Ana');
    expect(displayName('👩‍💻 e\u0301', 64, 'Guest')).toBe('👩‍💻 e\u0301');
  });

  it('never ends on a space after cutting', () => {
    expect(displayName('Ab cd', 3, 'Guest')).toBe('Ab');
  });
});
