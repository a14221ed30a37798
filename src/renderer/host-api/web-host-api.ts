import {
  HostApiError,
  type HostApi,
  type HostApiErrorCode,
  type TerminalChunk,
  type Unsubscribe,
} from '../../shared/host-api';
import type { HostCall, HostEvent } from '../../shared/host-api-calls';
import {
  BYTES_KEY,
  HOST_SOCKET_PATH,
  decodeOutputFrame,
  type HostSocketEvent,
  type HostSocketReply,
} from '../../shared/host-socket-protocol';

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: HostApiError): void;
}

type Listener = (payload: unknown) => void;

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;

/** The web shell's host-socket URL for a page it served, e.g. ws://127.0.0.1:5170/host?token=... */
export function hostSocketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${HOST_SOCKET_PATH}?token=${encodeURIComponent(token)}`;
}

/**
 * The HostApi inside the web shell: every call is a request on the local token-guarded
 * WebSocket (protocol in src/shared/host-socket-protocol.ts). The socket opens on first
 * use; while anyone listens for events it is kept open, reconnecting with backoff.
 */
export function createWebHostApi(url: string): HostApi {
  const pending = new Map<number, PendingCall>();
  const listeners = new Map<HostEvent, Set<Listener>>();
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;
  let nextId = 1;
  let reconnectDelay = RECONNECT_MIN_MS;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  function connect(): Promise<WebSocket> {
    if (opened) return opened;
    opened = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      socket = ws;
      ws.onopen = () => {
        reconnectDelay = RECONNECT_MIN_MS;
        resolve(ws);
      };
      ws.onmessage = (message) => receive(message.data);
      // An error is always followed by a close event, which reports it to the callers.
      ws.onerror = () => undefined;
      ws.onclose = (event) => {
        const reason = event.reason || `the web shell's host connection closed (code ${event.code})`;
        reject(new HostApiError('unavailable', `${reason}; if Duet was restarted, open the URL it printed again`));
        if (socket === ws) {
          socket = undefined;
          opened = undefined;
        }
        for (const call of pending.values()) call.reject(new HostApiError('unavailable', reason));
        pending.clear();
        scheduleReconnect();
      };
    });
    // A failed connect is reported to whoever called; nobody else must see it unhandled.
    opened.catch(() => undefined);
    return opened;
  }

  function scheduleReconnect(): void {
    const anyoneListening = [...listeners.values()].some((set) => set.size > 0);
    if (!anyoneListening || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connect().catch((error: unknown) => console.warn('host socket reconnect failed', error));
    }, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
  }

  function receive(data: unknown): void {
    if (data instanceof ArrayBuffer) {
      const chunk = decodeOutputFrame(new Uint8Array(data));
      if (chunk) emit('terminal:output', chunk satisfies TerminalChunk);
      return;
    }
    if (typeof data !== 'string') return;
    const message = JSON.parse(data, reviveBytes) as Partial<HostSocketReply & HostSocketEvent>;
    if (typeof message.event === 'string') {
      emit(message.event, message.payload);
      return;
    }
    if (typeof message.id !== 'number') return;
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if ('error' in message && message.error) {
      const error = message.error as { code: HostApiErrorCode; message: string };
      call.reject(new HostApiError(error.code, error.message));
    } else {
      call.resolve((message as { result: unknown }).result);
    }
  }

  function emit(event: HostEvent, payload: unknown): void {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  }

  async function call<T>(name: HostCall, ...args: unknown[]): Promise<T> {
    const ws = await connect();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      ws.send(JSON.stringify({ id, call: name, args }));
    });
  }

  function subscribe<T>(event: HostEvent, listener: (payload: T) => void): Unsubscribe {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const entry = listener as Listener;
    set.add(entry);
    // Events only flow over an open socket.
    connect().catch((error: unknown) => console.warn('host socket connect failed', error));
    return () => {
      set.delete(entry);
    };
  }

  return {
    appInfo: () => call('app:info'),
    getSettings: () => call('settings:get'),
    setSettings: (patch) => call('settings:set', patch),
    openExternal: (target) => call('shell:open-external', target),
    localRelay: () => call('relay:local'),
    onInviteLink: (listener) => subscribe('app:invite-link', listener),
    terminal: {
      open: (size) => call('terminal:open', size),
      write: (data) => call('terminal:write', data),
      resize: (size) => call('terminal:resize', size),
      ack: (bytes) => {
        // Fire and forget: flow-control credit must never block rendering.
        call('terminal:ack', bytes).catch((error: unknown) => console.warn('terminal ack failed', error));
      },
      catchUp: (seq) => call('terminal:catch-up', seq),
      close: () => call('terminal:close'),
      onOutput: (listener) => subscribe('terminal:output', listener),
      onExit: (listener) => subscribe('terminal:exit', listener),
      onResize: (listener) => subscribe('terminal:resize', listener),
    },
    run: {
      presets: () => call('run:presets'),
      run: (request) => call('run:run', request),
      stop: () => call('run:stop'),
      current: () => call('run:current'),
      onState: (listener) => subscribe('run:state', listener),
    },
  };
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
