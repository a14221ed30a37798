import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The session's folder on the host: the shell starts in it and runs write the shared
 * document into it. Created on first use (mkdtemp under the configured root) and kept
 * for the session's lifetime, across shell restarts; retired when the session ends.
 */
export class SessionWorkspace {
  private creating: Promise<string> | undefined;
  private path = '';

  constructor(
    private readonly root: string,
    private readonly prepare: (dir: string) => Promise<void> = async () => {},
  ) {}

  /** The folder, or '' before it exists. */
  dir(): string {
    return this.path;
  }

  /** Creates the folder (once) and returns it. */
  ensure(): Promise<string> {
    this.creating ??= (async () => {
      await mkdir(this.root, { recursive: true });
      const dir = await mkdtemp(join(this.root, 'session-'));
      await this.prepare(dir);
      this.path = dir;
      return dir;
    })();
    // A failed attempt (e.g. an unwritable root) may be retried by the next call.
    this.creating.catch(() => {
      this.creating = undefined;
    });
    return this.creating;
  }

  /** Leaves the current folder as it is; the next ensure() creates a new one. */
  retire(): void {
    this.creating = undefined;
    this.path = '';
  }

  /** Writes `content` to `name` (a plain file name in the folder). */
  async writeFile(name: string, content: string, mode?: number): Promise<string> {
    if (!/^[\w.-]+$/.test(name) || name === '.' || name === '..') throw new RangeError(`not a plain file name: ${name}`);
    const file = join(await this.ensure(), name);
    await writeFile(file, content);
    if (mode !== undefined) await chmod(file, mode);
    return file;
  }
}
