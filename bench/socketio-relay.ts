/**
 * The Socket.IO baseline: rooms as the Socket.IO docs show them. A client connects with
 * `?room=<name>`, joins it, and every `m` event it emits is sent on to the room's other
 * members with `socket.to(room).emit`. WebSocket transport only (no polling upgrade),
 * no per-message deflate, the same largest message as Duet: the same ws settings as the
 * other relays. Prints `{"port":N}` on stdout when listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { BASELINE_MAX_PAYLOAD } from './relays/ws-options';

const http = createServer();
const io = new Server(http, {
  transports: ['websocket'],
  perMessageDeflate: false,
  maxHttpBufferSize: BASELINE_MAX_PAYLOAD,
  serveClient: false,
  cors: { origin: '*' },
});

io.on('connection', (socket) => {
  const room = String(socket.handshake.query['room'] ?? 'lobby');
  void socket.join(room);
  socket.on('m', (data: unknown) => {
    socket.to(room).emit('m', data);
  });
});

http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (http.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
