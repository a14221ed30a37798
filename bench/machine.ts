import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';

/** The machine a table was measured on, printed with every table. */
export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryBytes: number;
  node: string;
  os: string;
}

/** This machine. */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return { cores: list.length, cpuModel: list[0]?.model.trim() ?? 'unknown CPU', memoryBytes: totalmem(), node: process.version, os: `${type()} ${release()}` };
}

/** The 1, 5 and 15 minute load averages now (read before each benchmark). */
export function loadAverage(): number[] {
  return loadavg();
}

/** This process's open-file limits, from /proc/self/limits. */
export function fileLimits(): { soft: number; hard: number } {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  const [soft, hard] = (line ?? '').split(/\s{2,}/).slice(1, 3).map((v) => (v === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(v)));
  return { soft: soft ?? 1024, hard: hard ?? 1024 };
}

/**
 * Raises this process's soft open-file limit to its hard limit, so the relays and load
 * generators it starts (which inherit it) can hold tens of thousands of sockets.
 * `prlimit --pid` changes a running process, so no re-exec is needed; raising the hard
 * limit itself needs privileges this machine's sandbox may not grant, and then the hard
 * limit is what we get. Returns the limits in force afterwards.
 */
export function raiseFileLimit(): { soft: number; hard: number; raisedFrom?: number } {
  const before = fileLimits();
  if (before.soft >= before.hard) return before;
  try {
    execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${before.hard}:${before.hard}`], { stdio: 'pipe' });
  } catch (error) {
    process.stderr.write(`bench: could not raise the open-file limit with prlimit (${(error as Error).message.split('\n')[0]}); staying at ${before.soft}\n`);
    return before;
  }
  return { ...fileLimits(), raisedFrom: before.soft };
}
