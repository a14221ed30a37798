import { readdirSync, readFileSync } from 'node:fs';

/** Linux USER_HZ: /proc times are in these ticks. */
const CLOCK_TICKS = 100;

/**
 * CPU seconds a process has used, all its threads (V8's GC helpers, libuv's pool, a
 * loader thread) included. /proc/<pid>/task/<tid>/schedstat counts nanoseconds, where
 * /proc/<pid>/stat counts 10 ms ticks: a 2-second window at 5 % of a core is 10 ticks,
 * too coarse for a ratio of two relays. Falls back to stat where schedstat is missing.
 */
export function cpuSeconds(pid: number): number {
  try {
    let nanos = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      nanos += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    }
    return nanos / 1e9;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return statCpuSeconds(pid);
  }
}

/** User + system CPU seconds from /proc/<pid>/stat (whole process, 10 ms resolution). */
export function statCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may itself hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Resident set size in bytes, from /proc/<pid>/status. */
export function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
}

/** Samples a process's RSS every `everyMs` until stopped; reports the peak. */
export function rssPeakSampler(pid: number, everyMs = 50): { stop(): number } {
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssBytes(pid));
    } catch (error) {
      // The process ended between samples: the peak so far stands.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
