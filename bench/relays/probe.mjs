// Loaded with `--import` into every relay process the bench starts (Duet's CLI, the bare ws
// relay, Socket.IO), so all three are measured by the same code. It answers the bench's
// `bench:memory` request over the IPC channel with process.memoryUsage() after a full GC
// (the relay runs with --expose-gc). Plain JavaScript on purpose: it must load the same way
// when the Duet relay runs from compiled JavaScript instead of through tsx.
import process from 'node:process';

// A relay the bench started must not outlive it (a killed bench, a crash): the IPC channel
// closes when the parent goes away.
process.on('disconnect', () => process.exit(0));

process.on('message', (message) => {
  if (message === null || typeof message !== 'object' || message.type !== 'bench:memory') return;
  const gc = globalThis.gc;
  if (typeof gc === 'function') {
    // Twice: the first pass can leave objects that only the second finds dead (weak refs, finalizers).
    gc();
    gc();
  }
  const usage = process.memoryUsage();
  process.send?.({ type: 'bench:memory', id: message.id, gc: typeof gc === 'function', ...usage });
});
