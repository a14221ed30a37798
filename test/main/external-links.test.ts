import { describe, expect, it } from 'vitest';
import { leaveAppTo, openExternalSafely } from '../../src/main/external-links';

function recordingShell() {
  const opened: string[] = [];
  return { opened, openExternal: async (url: string) => void opened.push(url) };
}

describe('opening links externally', () => {
  it('opens http and https links', async () => {
    const shell = recordingShell();
    await openExternalSafely(shell, 'https://example.com/docs?q=1#top');
    await openExternalSafely(shell, 'http://localhost:3000/');
    expect(shell.opened).toEqual(['https://example.com/docs?q=1#top', 'http://localhost:3000/']);
  });

  it('refuses every other scheme, credentials and junk with forbidden', async () => {
    const shell = recordingShell();
    const refused = [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'smb://evil.example/share',
      'ms-msdt:/id PCWDiagnostic',
      'duet://join/ABCD-EFGH-JKMN',
      'ftp://example.com/',
      'https://user:pass@example.com/',
      'https://attacker@example.com/',
      '//example.com/',
      'example.com',
      '',
      ' javascript:alert(1)',
    ];
    for (const url of refused) await expect(openExternalSafely(shell, url), url).rejects.toMatchObject({ code: 'forbidden' });
    expect(shell.opened).toEqual([]);
  });

  it('sends links the page tries to navigate to to the browser, and drops the rest with a log line', async () => {
    const shell = recordingShell();
    const logged: string[] = [];
    leaveAppTo(shell, 'https://example.com/', (m) => logged.push(m));
    leaveAppTo(shell, 'file:///home/me/.ssh/id_rsa', (m) => logged.push(m));
    await Promise.resolve();
    expect(shell.opened).toEqual(['https://example.com/']);
    expect(logged).toEqual([expect.stringContaining('blocked navigation to file:///home/me/.ssh/id_rsa')]);
  });
});
