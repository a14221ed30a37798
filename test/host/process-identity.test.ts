import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { identify, isAlive, killProcessTree } from '../../src/host/process-tree';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** A session leader with a background job of its own, like a terminal's shell. */
async function sessionLeader(): Promise<{ pid: number; job: number }> {
  const child = spawn('sh', ['-c', 'sleep 60 & echo $!; wait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  const job = await new Promise<number>((resolve) => child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
  return { pid: child.pid!, job };
}

describe.runIf(process.platform === 'linux')('ending a terminal by its shell identity', () => {
  it('ends the shell and everything in its session', async () => {
    const { pid, job } = await sessionLeader();
    const shell = await identify(pid);
    expect(shell).toMatchObject({ pid });
    await killProcessTree(shell!, 200);
    expect(await isAlive(pid)).toBe(false);
    expect(await isAlive(job)).toBe(false);
  });

  it('never touches a process that got the pid after the shell was gone (pids are reused), nor its session', async () => {
    // This stands for another terminal (or a test runner) whose leader took a dead shell's pid.
    const { pid, job } = await sessionLeader();
    const current = await identify(pid);
    await killProcessTree({ pid, startTime: current!.startTime + 1 }, 200);
    expect(await isAlive(pid)).toBe(true);
    expect(await isAlive(job)).toBe(true);
  });

  it('refuses to treat init or the kernel as a terminal', async () => {
    await killProcessTree({ pid: 1, startTime: -1 }, 10);
    await killProcessTree({ pid: 0, startTime: 0 }, 10);
    expect(await isAlive(process.pid)).toBe(true);
  });
});
