import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/** One live process as the OS lists it. */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  pgid: number;
  /** Session id (Linux only; -1 elsewhere). */
  sid: number;
  /** When it started, in clock ticks since boot (Linux only; -1 elsewhere): with the pid, who it is. */
  startTime: number;
}

/**
 * One process, told apart from any later process that gets the same pid: pids are reused
 * (on a busy machine within seconds), and killing "the tree of pid N" after N's owner is
 * gone could otherwise hit somebody else's processes — a test runner, another terminal.
 */
export interface ProcessIdentity {
  readonly pid: number;
  /** -1 where start times cannot be read (then the pid alone is trusted). */
  readonly startTime: number;
}

/** Who `pid` is right now; undefined when it is gone. */
export async function identify(pid: number): Promise<ProcessIdentity | undefined> {
  if (process.platform !== 'linux') return (await isAlive(pid)) ? { pid, startTime: -1 } : undefined;
  const entry = await readStat(pid);
  return entry === undefined ? undefined : { pid, startTime: entry.startTime };
}

/** Lists live processes (zombies excluded: they are already dead, only not yet reaped). */
export async function listProcesses(): Promise<ProcessEntry[]> {
  return process.platform === 'linux' ? listFromProc() : listFromPs();
}

async function listFromProc(): Promise<ProcessEntry[]> {
  const names = await readdir('/proc');
  const entries = await Promise.all(
    names.filter((name) => /^\d+$/.test(name)).map((name) => readStat(Number(name))),
  );
  return entries.filter((entry): entry is ProcessEntry => entry !== undefined);
}

/**
 * The fields of /proc/<pid>/stat after "pid (comm) ", starting with state, ppid, pgrp,
 * session, tty_nr, tpgid; undefined when the process is gone.
 */
async function readStatFields(pid: number): Promise<string[] | undefined> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    // The process ended since it was listed: expected, it simply is not there.
    if (isGone(error)) return undefined;
    throw error;
  }
  // comm may hold spaces and parentheses: the fields start after the last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Parses /proc/<pid>/stat; undefined when the process is gone or a zombie. */
async function readStat(pid: number): Promise<ProcessEntry | undefined> {
  const fields = await readStatFields(pid);
  if (fields === undefined || fields[0] === 'Z' || fields[0] === 'X') return undefined;
  return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), sid: Number(fields[3]), startTime: Number(fields[19]) };
}

function listFromPs(): Promise<ProcessEntry[]> {
  return new Promise((resolve, reject) => {
    execFile('ps', ['-A', '-o', 'pid=,ppid=,pgid=,stat='], (error, stdout) => {
      if (error) return reject(error);
      const entries: ProcessEntry[] = [];
      for (const line of stdout.split('\n')) {
        const [pid, ppid, pgid, state] = line.trim().split(/\s+/);
        if (!pid || state?.startsWith('Z')) continue;
        entries.push({ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), sid: -1, startTime: -1 });
      }
      resolve(entries);
    });
  });
}

/** Live descendants of `rootPid` (not itself), following parent links. */
export function descendantsOf(all: readonly ProcessEntry[], rootPid: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const entry of all) {
    const siblings = children.get(entry.ppid) ?? [];
    siblings.push(entry.pid);
    children.set(entry.ppid, siblings);
  }
  const found = new Set<number>();
  const queue = [rootPid];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop()!) ?? []) {
      if (!found.has(child)) {
        found.add(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/**
 * Every live process that belongs to the terminal whose session leader is `root`: its
 * descendants, every member of their process groups, and (Linux) everything still in
 * that session, which also catches jobs orphaned to init after their subshell exited.
 * When `root`'s pid now belongs to another process, none of that one's are included: the
 * old session cannot have members left then (the kernel keeps a pid taken while its
 * session or group has any), so there is nothing of ours to find.
 */
export async function processesOf(root: ProcessIdentity): Promise<number[]> {
  // pid 0 and 1 are the kernel's and init's: never a terminal of ours.
  if (root.pid <= 1) return [];
  const all = await listProcesses();
  const holder = all.find((entry) => entry.pid === root.pid);
  if (holder !== undefined && root.startTime !== -1 && holder.startTime !== root.startTime) return [];
  const rootPid = root.pid;
  const found = descendantsOf(all, rootPid);
  // Process groups never span sessions, so these groups hold only this terminal's processes.
  const groups = new Set(all.filter((entry) => found.has(entry.pid) || entry.pid === rootPid).map((entry) => entry.pgid));
  for (const entry of all) {
    if (entry.sid === rootPid || groups.has(entry.pgid)) found.add(entry.pid);
  }
  if (holder !== undefined) found.add(rootPid);
  found.delete(process.pid);
  return [...found];
}

/**
 * Kills one job at once: `pid`, its descendants and, when `pid` leads its own process
 * group (a job-control shell gave it one), the whole group. Never touches the group of
 * a process that does not lead it, which could be the interactive shell's.
 */
export async function killJob(pid: number): Promise<void> {
  const all = await listProcesses();
  const targets = descendantsOf(all, pid);
  const leader = all.find((entry) => entry.pid === pid);
  if (leader && leader.pgid === pid) {
    for (const entry of all) if (entry.pgid === pid) targets.add(entry.pid);
  }
  targets.add(pid);
  targets.delete(process.pid);
  for (const target of targets) signalProcess(target, 'SIGKILL');
  await waitUntilGone(targets, KILL_SETTLE_MS);
}

/**
 * Whether the shell `pid` owns its terminal's foreground (it sits at its prompt) rather
 * than a program it started. Undefined where this cannot be read (not Linux, gone).
 */
export async function shellHasForeground(pid: number): Promise<boolean | undefined> {
  if (process.platform !== 'linux') return undefined;
  const fields = await readStatFields(pid);
  // The terminal's foreground group (tpgid) is the shell's own group (pgrp).
  return fields === undefined ? undefined : Number(fields[5]) === Number(fields[2]);
}

/** Sends `signal` to `pid`; false when it no longer exists. */
export function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch (error) {
    if (isGone(error)) return false;
    throw error;
  }
}

/** True while `pid` is a live (non-zombie) process. */
export async function isAlive(pid: number): Promise<boolean> {
  if (process.platform === 'linux') return (await readStat(pid)) !== undefined;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if (isGone(error)) return false;
    throw error;
  }
}

/**
 * Ends `rootPid` and every process of its terminal: SIGHUP (what closing a terminal
 * sends) and SIGCONT (so stopped jobs can act on it), then SIGKILL for whatever is still
 * alive after `graceMs`, looking again for processes started in the meantime.
 */
export async function killProcessTree(root: ProcessIdentity, graceMs: number): Promise<void> {
  const targets = new Set(await processesOf(root));
  for (const pid of targets) {
    signalProcess(pid, 'SIGHUP');
    signalProcess(pid, 'SIGCONT');
  }
  await waitUntilGone(targets, graceMs);
  for (const pid of await processesOf(root)) targets.add(pid);
  for (const pid of targets) signalProcess(pid, 'SIGKILL');
  // SIGKILL is delivered asynchronously: report success only once they are really gone.
  await waitUntilGone(targets, KILL_SETTLE_MS);
}

/** How long to wait for SIGKILLed processes to disappear before giving up. */
const KILL_SETTLE_MS = 2000;

/** Polls until none of `pids` is alive, or `timeoutMs` passed. */
async function waitUntilGone(pids: Iterable<number>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let remaining = [...pids];
  for (;;) {
    const alive = await Promise.all(remaining.map(async (pid) => ((await isAlive(pid)) ? pid : undefined)));
    remaining = alive.filter((pid): pid is number => pid !== undefined);
    if (remaining.length === 0 || Date.now() >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function isGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ESRCH' || code === 'ENOENT';
}
