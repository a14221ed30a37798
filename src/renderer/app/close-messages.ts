/** What the final screen says for each way a session can end for us. */
export interface EndNotice {
  heading: string;
  message: string;
}

/**
 * Turns the session client's close reason (and the session-ended reason, when the relay
 * sent one) into words for the person in front of the screen.
 */
export function endNoticeFor(reason: string, endedBy?: 'host-ended' | 'host-gone', wasHost = false): EndNotice {
  switch (reason) {
    case 'session-ended':
      if (wasHost) return { heading: 'Session ended', message: 'You ended the session for everyone.' };
      return endedBy === 'host-gone'
        ? { heading: 'Session ended', message: 'The host left and did not come back.' }
        : { heading: 'Session ended', message: 'The host ended the session.' };
    case 'denied':
      return { heading: 'Not admitted', message: 'The host did not let you in.' };
    case 'removed':
      return { heading: 'Removed from the session', message: 'The host removed you from the session.' };
    case 'unknown-code':
      return { heading: 'No such session', message: 'No session has that invite code. It may have ended; check the code.' };
    case 'session-full':
      return { heading: 'Session is full', message: 'This session has as many people as it can hold.' };
    case 'relay-full':
      return { heading: 'Relay is full', message: 'The relay cannot take more sessions right now. Try again later.' };
    case 'too-many-sessions':
      return { heading: 'Too many sessions', message: 'Your network already holds as many sessions as this relay allows. End one first.' };
    case 'replaced':
      return { heading: 'Opened elsewhere', message: 'This session was resumed in another window.' };
    case 'unsupported-version':
      return { heading: 'Update needed', message: 'This relay speaks a different protocol version than this app.' };
    case 'left':
      return { heading: 'You left the session', message: 'You can join again with the invite code.' };
    default:
      return { heading: 'Disconnected', message: `The connection ended (${reason}).` };
  }
}
