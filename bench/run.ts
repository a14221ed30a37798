/**
 * `npm run bench`: the relay's hot path against a bare ws relay, measured in the same run
 * on the same machine. Both relays run as child processes; this process plays S sessions of
 * two members each, sending typing-sized frames in waves, and reads each relay's CPU time
 * from /proc before and after. Prints figures and the Duet/bare ratio (target ≤ 1.3).
 *
 *   npm run bench -- [--sessions 1000] [--waves 40] [--payload 48]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError } from 'commander';
import WebSocket from 'ws';
import { CHANNELS, PROTOCOL_VERSION, encodeFrame } from '../src/shared/protocol';

/** A whole number within [min, max], or commander's usage error naming the option. */
function count(min: number, max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new InvalidArgumentError(`a whole number from ${min} to ${max}`);
    return value;
  };
}

const options = new Command('npm run bench --')
  .description("Duet's relay hot path against a bare ws relay, in the same run on this machine")
  .option('--sessions <n>', 'sessions of two members each', count(1, 20_000), 1000)
  .option('--waves <n>', 'frames each member sends, one per wave', count(1, 10_000), 40)
  .option('--payload <bytes>', 'bytes of each document frame', count(1, 512 * 1024), 48)
  .parse()
  .opts<{ sessions: number; waves: number; payload: number }>();
const SESSIONS = options.sessions;
const WAVES = options.waves;
const PAYLOAD = options.payload;
/** Below this many connections a process's RSS moves more with the allocator than with them. */
const MEMORY_MIN_CONNECTIONS = 1000;
const CLOCK_TICKS = 100; // Linux USER_HZ

interface Member {
  socket: WebSocket;
  received: number;
}

/** Resolves when every member has received `target` frames in total. */
let waveDone: (() => void) | undefined;
let waveOutstanding = 0;

interface RelayUnderTest {
  name: string;
  child: ChildProcess;
  /** Opens the two members of session `i`. */
  openPair(i: number): Promise<[Member, Member]>;
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.split(/\s+/)[1]) / 1024;
}

/** Starts a relay child and resolves with its port, read from its IPC `listening` message or a stdout line. */
async function startChild(args: string[], portFromLine?: (line: string) => number | undefined): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.on('message', (message: { type?: string; port?: number }) => {
      if (message.type === 'listening' && message.port) resolve(message.port);
    });
    if (portFromLine) {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const port = portFromLine(line);
        if (port) resolve(port);
      });
    } else child.stdout!.resume();
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code} before listening`)));
  });
  return { child, port };
}

function open(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  socket.binaryType = 'nodebuffer';
  return once(socket, 'open').then(() => socket);
}

function member(socket: WebSocket): Member {
  const m: Member = { socket, received: 0 };
  socket.on('message', (_data, isBinary) => {
    if (!isBinary) return;
    m.received++;
    if (--waveOutstanding === 0) waveDone?.();
  });
  return m;
}

async function bareRelay(): Promise<RelayUnderTest> {
  const { child, port } = await startChild(['bench/bare-relay.ts'], (line) => JSON.parse(line).port as number);
  return {
    name: 'bare ws relay',
    child,
    async openPair(i) {
      const a = await open(`ws://127.0.0.1:${port}/room-${i}`);
      const b = await open(`ws://127.0.0.1:${port}/room-${i}`);
      return [member(a), member(b)];
    },
  };
}

async function duetRelay(): Promise<RelayUnderTest> {
  const { child, port } = await startChild(
    [
      'relay/cli.ts',
      '--port', '0',
      '--log-level', 'warn',
      '--joins-per-minute', '100000000',
      '--max-sessions', String(SESSIONS * 2),
      '--messages-per-second', '100000',
      '--data-dir', `/tmp/duet-bench-${process.pid}`,
    ],
  );
  const url = `ws://127.0.0.1:${port}/ws`;
  const welcome = (socket: WebSocket) =>
    new Promise<{ session: { code: string } }>((resolve, reject) => {
      socket.on('message', function onMessage(data, isBinary) {
        if (isBinary) return;
        const message = JSON.parse(String(data));
        if (message.type === 'welcome') {
          socket.off('message', onMessage);
          resolve(message);
        }
      });
      socket.once('close', (code, reason) => reject(new Error(`closed ${code} ${reason}`)));
    });
  return {
    name: 'Duet relay',
    child,
    async openPair(i) {
      const host = await open(url);
      const hostWelcome = welcome(host);
      host.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, name: `host-${i}`, intent: 'create', autoAdmit: true }));
      const { session } = await hostWelcome;
      const guest = await open(url);
      const guestWelcome = welcome(guest);
      guest.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, name: `guest-${i}`, intent: 'join', code: session.code }));
      await guestWelcome;
      return [member(host), member(guest)];
    },
  };
}

async function measure(relay: RelayUnderTest) {
  const pid = relay.child.pid!;
  const pairs: [Member, Member][] = [];
  const rssIdle = rssMiB(pid);
  for (let i = 0; i < SESSIONS; i += 50) {
    const batch = await Promise.all(Array.from({ length: Math.min(50, SESSIONS - i) }, (_, k) => relay.openPair(i + k)));
    pairs.push(...batch);
  }
  const members = pairs.flat();
  const frame = encodeFrame(CHANNELS.doc, 0, new Uint8Array(PAYLOAD).fill(7));
  const rssBefore = rssMiB(pid);
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  const waveTimes: number[] = [];
  for (let wave = 1; wave <= WAVES; wave++) {
    const waveStart = performance.now();
    const delivered = new Promise<void>((resolve) => (waveDone = resolve));
    waveOutstanding = members.length;
    for (const m of members) m.socket.send(frame);
    await delivered;
    waveTimes.push(performance.now() - waveStart);
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(pid) - cpuBefore;
  const frames = members.length * WAVES;
  for (const m of members) m.socket.terminate();
  relay.child.kill('SIGTERM');
  await once(relay.child, 'exit');
  waveTimes.sort((a, b) => a - b);
  return {
    name: relay.name,
    frames,
    cpuSeconds: cpu,
    cpuMicrosPerFrame: (cpu * 1e6) / frames,
    framesPerCpuSecond: frames / cpu,
    framesPerWallSecond: frames / wallSeconds,
    waveP50Ms: waveTimes[Math.floor(waveTimes.length / 2)]!,
    waveP99Ms: waveTimes[Math.min(waveTimes.length - 1, Math.floor(waveTimes.length * 0.99))]!,
    rssMiB: rssBefore,
    kibPerConnection: ((rssBefore - rssIdle) * 1024) / members.length,
  };
}

async function main(): Promise<void> {
  console.log(`relay hot path: ${SESSIONS} sessions × 2 members, ${WAVES} waves of one ${PAYLOAD}-byte doc frame per member`);
  const bare = await measure(await bareRelay());
  const duet = await measure(await duetRelay());
  for (const r of [bare, duet]) {
    console.log(
      `${r.name.padEnd(14)} ${r.frames} frames forwarded | relay CPU ${r.cpuSeconds.toFixed(2)} s = ${r.cpuMicrosPerFrame.toFixed(1)} µs/frame ` +
        `(${Math.round(r.framesPerCpuSecond)} frames per CPU-second) | ${Math.round(r.framesPerWallSecond)} frames/s wall | ` +
        `wave p50 ${r.waveP50Ms.toFixed(1)} ms p99 ${r.waveP99Ms.toFixed(1)} ms | RSS ${r.rssMiB.toFixed(0)} MiB with ${SESSIONS * 2} connections (${SESSIONS * 2 < MEMORY_MIN_CONNECTIONS ? 'per connection: not measured' : `${r.kibPerConnection.toFixed(1)} KiB each`})`,
    );
  }
  const ratio = duet.cpuMicrosPerFrame / bare.cpuMicrosPerFrame;
  console.log(`ratio Duet/bare CPU per frame: ${ratio.toFixed(2)}× (target ≤ 1.30×) ${ratio <= 1.3 ? 'MET' : 'NOT MET'}`);
  if (SESSIONS * 2 < MEMORY_MIN_CONNECTIONS) {
    console.log(`memory per connection: not measured below ${MEMORY_MIN_CONNECTIONS} connections (allocator noise)`);
  } else {
    console.log(`memory per connection Duet/bare: ${(duet.kibPerConnection / bare.kibPerConnection).toFixed(2)}× (process RSS ${(duet.rssMiB / bare.rssMiB).toFixed(2)}×)`);
  }
}

await main();
