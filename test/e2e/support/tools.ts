import { execFileSync } from 'node:child_process';

/** Whether `python3` runs on this machine (the Python run tests skip, saying so, where it does not). */
export function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
