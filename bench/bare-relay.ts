/**
 * The baseline: the barest useful ws relay. Clients connect to /<room>; every message is
 * sent as-is to the room's other sockets. No handshake, validation, limits or metrics.
 * It gets the Duet relay's `ws` options (no per-message deflate, no client tracking, the
 * same largest message), so the comparison is about what each relay does, not how ws is set.
 * The bench runs it compiled to JavaScript (bench/relays/baselines.ts); it says where it
 * listens as a `{"port":N}` line on stdout.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import { BASELINE_MAX_PAYLOAD } from './relays/ws-options';

const rooms = new Map<string, Set<WebSocket>>();
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, clientTracking: false, maxPayload: BASELINE_MAX_PAYLOAD });

server.on('connection', (socket, request) => {
  const room = request.url ?? '/';
  let members = rooms.get(room);
  if (!members) rooms.set(room, (members = new Set()));
  members.add(socket);
  socket.on('message', (data, isBinary) => {
    for (const other of members) if (other !== socket) other.send(data, { binary: isBinary });
  });
  socket.on('close', () => {
    members.delete(socket);
    if (members.size === 0) rooms.delete(room);
  });
});

server.on('listening', () => {
  const address = server.address();
  if (typeof address === 'object' && address) process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
