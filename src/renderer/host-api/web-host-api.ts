import { HostApiError, type HostApi, type HostApiErrorCode, type Unsubscribe } from '../../shared/host-api';
import { createHostApiClient, type HostCallTransport } from '../../shared/host-api/host-api-client';
import { isHostEvent, type HostCall, type HostEvent } from '../../shared/host-api/host-calls';
import { BYTES_KEY, HOST_SOCKET_PATH, decodeOutputFrame } from '../../shared/host-api/host-socket-protocol';
import { Emitter } from '../../shared/lifecycle';
import { backoffDelay, type BackoffOptions } from '../../shared/session-client';

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: HostApiError): void;
}

/** One listener signature per host event: the socket hands payloads on as they arrive. */
type HostEvents = { [E in HostEvent]: (payload: unknown) => void };

/** The session client's reconnect schedule, with the same jitter. */
const RECONNECT: BackoffOptions = { initialDelayMs: 250, maxDelayMs: 5_000 };

/** The web shell's host-socket URL for a page it served, e.g. ws://127.0.0.1:5170/host?token=... */
export function hostSocketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${HOST_SOCKET_PATH}?token=${encodeURIComponent(token)}`;
}

/**
 * The HostApi inside the web shell: every call is a request on the local token-guarded
 * WebSocket (protocol in src/shared/host-api/host-socket-protocol.ts).
 */
export function createWebHostApi(url: string): HostApi {
  return createHostApiClient(new HostSocket(url), {
    onNotifyError: (call, error) => console.warn(`duet: host call ${call} failed`, error),
  });
}

/**
 * The web shell's host socket as a HostCallTransport. It opens on first use; while anyone
 * listens for events it is kept open, reconnecting with backoff.
 */
class HostSocket implements HostCallTransport {
  private readonly pending = new Map<number, PendingCall>();
  private readonly events = new Emitter<HostEvents>();
  private opened: Promise<WebSocket> | undefined;
  private nextId = 1;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly url: string) {}

  async call(call: HostCall, args: unknown[]): Promise<unknown> {
    const ws = await this.connect();
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, call, args }));
    });
  }

  subscribe(event: HostEvent, listener: (payload: unknown) => void): Unsubscribe {
    const unsubscribe = this.events.on(event, listener);
    // Events only flow over an open socket.
    this.connect().catch((error: unknown) => console.warn('duet: host socket connect failed', error));
    return unsubscribe;
  }

  private connect(): Promise<WebSocket> {
    this.opened ??= this.open();
    return this.opened;
  }

  private open(): Promise<WebSocket> {
    const opened = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(this.url);
      ws.binaryType = 'arraybuffer';
      ws.onopen = () => {
        this.attempt = 0;
        resolve(ws);
      };
      ws.onmessage = (message) => this.receive(message.data);
      // An error is always followed by a close event, which reports it to the callers.
      ws.onerror = () => undefined;
      ws.onclose = (event) => {
        const reason = event.reason || `the web shell's host connection closed (code ${event.code})`;
        reject(new HostApiError('unavailable', `${reason}; if Duet was restarted, open the URL it printed again`));
        if (this.opened === opened) this.opened = undefined;
        for (const call of this.pending.values()) call.reject(new HostApiError('unavailable', reason));
        this.pending.clear();
        this.scheduleReconnect();
      };
    });
    // A failed connect is reported to whoever called; nobody else must see it unhandled.
    opened.catch(() => undefined);
    return opened;
  }

  private scheduleReconnect(): void {
    if (this.events.listenerCount() === 0 || this.reconnectTimer !== undefined) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().catch((error: unknown) => console.warn('duet: host socket reconnect failed', error));
    }, backoffDelay(this.attempt++, RECONNECT));
  }

  private receive(data: unknown): void {
    if (data instanceof ArrayBuffer) {
      const chunk = decodeOutputFrame(new Uint8Array(data));
      if (chunk) this.events.emit('terminal:output', chunk);
      return;
    }
    if (typeof data !== 'string') return;
    const message = parseMessage(data);
    if (!message) return console.warn('duet: ignoring an unreadable message from the host socket');
    if (typeof message.event === 'string') {
      if (isHostEvent(message.event)) this.events.emit(message.event, message.payload);
      return;
    }
    if (typeof message.id !== 'number') return;
    const call = this.pending.get(message.id);
    if (!call) return;
    this.pending.delete(message.id);
    const error = message.error as { code?: HostApiErrorCode; message?: string } | undefined;
    if (error) call.reject(new HostApiError(error.code ?? 'internal', error.message ?? 'host call failed'));
    else call.resolve(message.result);
  }
}

/** A reply or an event as far as its envelope goes; undefined for anything that is not a JSON object. */
function parseMessage(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text, reviveBytes);
  } catch {
    return undefined; // not JSON: the caller warns and drops it
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** JSON.parse reviver: {"$bytes": base64} back into a Uint8Array. */
function reviveBytes(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && typeof (value as Record<string, unknown>)[BYTES_KEY] === 'string') {
    const binary = atob((value as Record<string, string>)[BYTES_KEY]!);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  return value;
}
