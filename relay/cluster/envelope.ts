/**
 * What nodes of a cluster say to each other through their inboxes, as compact bytes (frames
 * travel as they are, never re-encoded). An edge is the node a member is connected to; the
 * owner is the node whose session core holds the member's session.
 *
 *   edge → owner   hello  [1][conn u32][ip length u8][ip][hello JSON]
 *                  control [2][conn u32][message JSON]
 *                  frame  [3][conn u32][data frame]
 *                  closed [4][conn u32]
 *   owner → edge   send   [5][count u16][conn u32 × count][message JSON]
 *                  deliver [6][count u16][conn u32 × count][data frame]
 *                  close  [7][conn u32][close reason]
 *                  placed [8][conn u32][phase u8: 1 lobby, 2 member][member id u32]
 *
 * What one node posts to another in one tick travels as one inbox entry: a lone envelope in
 * field `m`, several as a batch in field `b` — [length u32][envelope] repeated.
 */
export type Envelope =
  | { readonly kind: 'hello'; readonly conn: number; readonly ip: string; readonly json: string }
  | { readonly kind: 'control'; readonly conn: number; readonly json: string }
  | { readonly kind: 'frame'; readonly conn: number; readonly data: Buffer }
  | { readonly kind: 'closed'; readonly conn: number }
  | { readonly kind: 'send'; readonly conns: readonly number[]; readonly json: string }
  | { readonly kind: 'deliver'; readonly conns: readonly number[]; readonly data: Buffer }
  | { readonly kind: 'close'; readonly conn: number; readonly reason: string }
  | { readonly kind: 'placed'; readonly conn: number; readonly phase: 'lobby' | 'member'; readonly memberId: number };

const KIND = { hello: 1, control: 2, frame: 3, closed: 4, send: 5, deliver: 6, close: 7, placed: 8 } as const;

/** The bytes of an envelope. */
export function encodeEnvelope(envelope: Envelope): Buffer {
  switch (envelope.kind) {
    case 'hello': {
      const ip = Buffer.from(envelope.ip, 'utf8');
      const json = Buffer.from(envelope.json, 'utf8');
      const out = Buffer.allocUnsafe(6 + ip.length + json.length);
      out[0] = KIND.hello;
      out.writeUInt32BE(envelope.conn, 1);
      out[5] = ip.length;
      ip.copy(out, 6);
      json.copy(out, 6 + ip.length);
      return out;
    }
    case 'control':
      return withConn(KIND.control, envelope.conn, Buffer.from(envelope.json, 'utf8'));
    case 'frame':
      return withConn(KIND.frame, envelope.conn, envelope.data);
    case 'closed':
      return withConn(KIND.closed, envelope.conn, Buffer.alloc(0));
    case 'close':
      return withConn(KIND.close, envelope.conn, Buffer.from(envelope.reason, 'utf8'));
    case 'send':
      return withConns(KIND.send, envelope.conns, Buffer.from(envelope.json, 'utf8'));
    case 'deliver':
      return withConns(KIND.deliver, envelope.conns, envelope.data);
    case 'placed': {
      const out = Buffer.allocUnsafe(10);
      out[0] = KIND.placed;
      out.writeUInt32BE(envelope.conn, 1);
      out[5] = envelope.phase === 'lobby' ? 1 : 2;
      out.writeUInt32BE(envelope.memberId, 6);
      return out;
    }
  }
}

/** The envelope in `bytes`, or undefined for bytes no node of ours wrote. */
export function decodeEnvelope(bytes: Buffer): Envelope | undefined {
  if (bytes.length < 5) return undefined;
  const kind = bytes[0];
  const conn = bytes.readUInt32BE(1);
  switch (kind) {
    case KIND.hello: {
      if (bytes.length < 6 || bytes.length < 6 + bytes[5]!) return undefined;
      const end = 6 + bytes[5]!;
      return { kind: 'hello', conn, ip: bytes.toString('utf8', 6, end), json: bytes.toString('utf8', end) };
    }
    case KIND.control:
      return { kind: 'control', conn, json: bytes.toString('utf8', 5) };
    case KIND.frame:
      return { kind: 'frame', conn, data: bytes.subarray(5) };
    case KIND.closed:
      return { kind: 'closed', conn };
    case KIND.close:
      return { kind: 'close', conn, reason: bytes.toString('utf8', 5) };
    case KIND.send:
    case KIND.deliver: {
      const count = bytes.readUInt16BE(1);
      const start = 3 + 4 * count;
      if (bytes.length < start) return undefined;
      const conns: number[] = [];
      for (let i = 0; i < count; i++) conns.push(bytes.readUInt32BE(3 + 4 * i));
      return kind === KIND.send
        ? { kind: 'send', conns, json: bytes.toString('utf8', start) }
        : { kind: 'deliver', conns, data: bytes.subarray(start) };
    }
    case KIND.placed:
      if (bytes.length !== 10 || (bytes[5] !== 1 && bytes[5] !== 2)) return undefined;
      return { kind: 'placed', conn, phase: bytes[5] === 1 ? 'lobby' : 'member', memberId: bytes.readUInt32BE(6) };
    default:
      return undefined;
  }
}

function withConn(kind: number, conn: number, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(5 + body.length);
  out[0] = kind;
  out.writeUInt32BE(conn, 1);
  body.copy(out, 5);
  return out;
}

function withConns(kind: number, conns: readonly number[], body: Buffer): Buffer {
  const start = 3 + 4 * conns.length;
  const out = Buffer.allocUnsafe(start + body.length);
  out[0] = kind;
  out.writeUInt16BE(conns.length, 1);
  for (let i = 0; i < conns.length; i++) out.writeUInt32BE(conns[i]!, 3 + 4 * i);
  body.copy(out, start);
  return out;
}

/** Several envelopes for one node as one entry's bytes: each as [length u32][envelope]. */
export function encodeBatch(envelopes: readonly Envelope[]): Buffer {
  const parts = envelopes.map(encodeEnvelope);
  const out = Buffer.allocUnsafe(parts.reduce((sum, part) => sum + 4 + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.writeUInt32BE(part.length, at);
    part.copy(out, at + 4);
    at += 4 + part.length;
  }
  return out;
}

/** The envelopes of a batch, or undefined when the bytes are not one (nothing of it is trusted). */
export function decodeBatch(bytes: Buffer): Envelope[] | undefined {
  const envelopes: Envelope[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) return undefined;
    const end = at + 4 + bytes.readUInt32BE(at);
    if (end > bytes.length) return undefined;
    const envelope = decodeEnvelope(bytes.subarray(at + 4, end));
    if (envelope === undefined) return undefined;
    envelopes.push(envelope);
    at = end;
  }
  return envelopes;
}
