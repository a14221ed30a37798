import net from 'node:net';

/**
 * A loopback TCP proxy in front of a server, so a test can cut every connection at once
 * — a real network drop, not a polite close — and let clients reconnect afterwards.
 */
export interface TcpProxy {
  port: number;
  /** Destroys every proxied connection abruptly (both directions). */
  cut(): void;
  /** While blocked, new connections are accepted and immediately destroyed. */
  block(blocked: boolean): void;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (port 0) forwarding to `targetPort`. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let blocked = false;
  const server = net.createServer((client) => {
    if (blocked) return void client.destroy();
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    cut() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    block(value) {
      blocked = value;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
