/** Event shapes of the standard WebSocket interface that the client reads. */
export interface MessageEventLike {
  data: unknown;
}
export interface CloseEventLike {
  code: number;
  reason: string;
}

/**
 * The standard WebSocket interface as far as the client uses it: the browser's
 * `WebSocket` and the `ws` package both fit. Handler parameters are typed `never` so
 * either implementation's own event types are assignable.
 */
export interface WebSocketLike {
  readonly readyState: number;
  readonly bufferedAmount: number;
  binaryType: string;
  onopen: ((event: never) => unknown) | null;
  onmessage: ((event: never) => unknown) | null;
  onclose: ((event: never) => unknown) | null;
  onerror: ((event: never) => unknown) | null;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructorLike = new (url: string) => WebSocketLike;

/** readyState value of an open socket in the standard interface. */
export const OPEN = 1;
