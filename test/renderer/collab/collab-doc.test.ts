import { describe, expect, it } from 'vitest';
import { CollabDoc, MAX_CHAT_LENGTH, asChatMessage } from '../../../src/renderer/collab/collab-doc';

describe('CollabDoc', () => {
  it('keeps chat messages, trimmed and bounded, and skips malformed entries', () => {
    const collab = new CollabDoc();
    expect(collab.addChat({ author: 'Ada', memberId: 1, color: '#e5534b', text: '   ' })).toBeUndefined();
    collab.addChat({ author: 'Ada', memberId: 1, color: '#e5534b', text: ' hi ' });
    collab.addChat({ author: 'Ada', memberId: 1, color: '#e5534b', text: 'x'.repeat(MAX_CHAT_LENGTH + 10) });
    collab.chat.push([{ nonsense: true }]);
    const messages = collab.chatMessages();
    expect(messages.map((m) => m.text.length)).toEqual([2, MAX_CHAT_LENGTH]);
    expect(messages[0]).toMatchObject({ author: 'Ada', memberId: 1, text: 'hi' });
  });

  it('does not trust colours written by peers', () => {
    expect(asChatMessage({ author: 'M', text: 't', color: 'url(javascript:x)' })?.color).toBe('#888888');
  });
});
