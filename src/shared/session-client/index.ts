/** The session client: one member's connection to a Duet session, in browsers and in Node. */
export { SessionClient } from './session-client';
export type { ConnectionState, Intent, SessionClientOptions, SessionEvents } from './session-client';
export type { WebSocketConstructorLike, WebSocketLike } from './web-socket';
export { backoffDelay, type BackoffOptions } from './backoff';
