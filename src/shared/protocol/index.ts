/** Duet wire protocol v1. Documented in docs/protocol.md; this module is its single definition. */
export * from './channels';
export * from './control';
export * from './errors';
export * from './frame';
export * from './limits';
export * from './invite-code';
