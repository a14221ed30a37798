import { describe, expect, it } from 'vitest';
import { endNoticeFor } from '../../../src/renderer/app/close-messages';

describe('end notices', () => {
  it('tells guests and the host why the session ended, in their terms', () => {
    expect(endNoticeFor('session-ended', 'host-ended').message).toBe('The host ended the session.');
    expect(endNoticeFor('session-ended', 'host-gone').message).toMatch(/host left/);
    expect(endNoticeFor('session-ended', 'host-ended', true).message).toBe('You ended the session for everyone.');
  });

  it('gives denied, removed and unknown codes their own headings', () => {
    expect(endNoticeFor('denied').heading).toBe('Not admitted');
    expect(endNoticeFor('removed').heading).toBe('Removed from the session');
    expect(endNoticeFor('unknown-code').heading).toBe('No such session');
    expect(endNoticeFor('too-many-sessions').message).toMatch(/End one first/);
    expect(endNoticeFor('something-new').message).toContain('something-new');
  });
});
