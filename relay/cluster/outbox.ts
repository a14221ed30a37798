import type { Envelope } from './envelope';

type Pending =
  | { kind: 'send'; json: string; conns: number[] }
  | { kind: 'deliver'; data: Buffer; conns: number[] }
  | { kind: 'other'; envelope: Envelope };

/**
 * What this node has to say to other nodes in the current turn of the event loop, in order,
 * per node. A frame or message going to several members on one node (a broadcast) leaves as
 * one envelope that names them all; once the turn's I/O is handled (setImmediate: every socket
 * read in it), each node's envelopes go out together as one inbox entry, so under load one
 * `XADD` carries many frames instead of one each.
 */
export class Outbox {
  private readonly pending = new Map<string, Pending[]>();
  private scheduled = false;

  constructor(private readonly post: (node: string, envelopes: readonly Envelope[]) => void) {}

  /** A control message for one member on `node`. */
  send(node: string, conn: number, json: string): void {
    const queue = this.queue(node);
    const last = queue.at(-1);
    if (last?.kind === 'send' && last.json === json) last.conns.push(conn);
    else queue.push({ kind: 'send', json, conns: [conn] });
  }

  /** A data frame for one member on `node` (the same Buffer for every recipient of a broadcast). */
  deliver(node: string, conn: number, data: Buffer): void {
    const queue = this.queue(node);
    const last = queue.at(-1);
    if (last?.kind === 'deliver' && last.data === data) last.conns.push(conn);
    else queue.push({ kind: 'deliver', data, conns: [conn] });
  }

  /** Any other envelope, in order with the rest. */
  other(node: string, envelope: Envelope): void {
    this.queue(node).push({ kind: 'other', envelope });
  }

  /** Posts everything pending now (shutdown). */
  flush(): void {
    this.scheduled = false;
    const pending = [...this.pending];
    this.pending.clear();
    for (const [node, queue] of pending) {
      this.post(
        node,
        queue.map((item): Envelope =>
          item.kind === 'other'
            ? item.envelope
            : item.kind === 'send'
              ? { kind: 'send', conns: item.conns, json: item.json }
              : { kind: 'deliver', conns: item.conns, data: item.data },
        ),
      );
    }
  }

  private queue(node: string): Pending[] {
    let queue = this.pending.get(node);
    if (queue === undefined) {
      queue = [];
      this.pending.set(node, queue);
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        if (this.scheduled) this.flush();
      });
    }
    return queue;
  }
}
