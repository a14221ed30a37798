/** The session client: one member's connection to a Duet session, in browsers and in Node. */
export { CLIENT_DEFAULTS, SessionClient } from './session-client';
export type { Intent, SessionClientOptions } from './session-client';
export type { ConnectionState, EndedBy, SessionClosed, SessionEvents } from './session-events';
export { RelayConnection, type RelayConnectionOptions } from './relay-connection';
export { TerminalGrants } from './terminal-grants';
export type { WebSocketConstructorLike, WebSocketLike } from './web-socket';
export { backoffDelay, type BackoffOptions } from './backoff';
