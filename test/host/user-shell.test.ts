import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath, resolveUserShell } from '../../src/host/user-shell';

describe.skipIf(process.platform === 'win32')('resolveUserShell', () => {
  let bin: string;
  beforeAll(async () => {
    bin = await mkdtemp(join(tmpdir(), 'duet-shell-'));
    for (const name of ['bash', 'zsh']) {
      await writeFile(join(bin, name), '#!/bin/sh\n');
      await chmod(join(bin, name), 0o755);
    }
    await writeFile(join(bin, 'not-executable'), '');
  });
  afterAll(() => rm(bin, { recursive: true, force: true }));

  it('prefers an explicit override', () => {
    expect(resolveUserShell('/opt/fish', { SHELL: join(bin, 'zsh'), PATH: bin })).toBe('/opt/fish');
  });

  it("uses $SHELL when it names an executable", () => {
    expect(resolveUserShell(undefined, { SHELL: join(bin, 'zsh'), PATH: bin })).toBe(join(bin, 'zsh'));
  });

  it('falls back to bash on PATH when $SHELL is unset, as under a service manager or CI', () => {
    expect(resolveUserShell(undefined, { PATH: bin })).toBe(join(bin, 'bash'));
  });

  it('falls back to bash when $SHELL names a missing or non-executable file', () => {
    expect(resolveUserShell(undefined, { SHELL: join(bin, 'gone'), PATH: bin })).toBe(join(bin, 'bash'));
    expect(resolveUserShell(undefined, { SHELL: join(bin, 'not-executable'), PATH: bin })).toBe(join(bin, 'bash'));
  });

  it('falls back to /bin/sh when there is no bash either', () => {
    expect(resolveUserShell(undefined, { PATH: '' })).toBe('/bin/sh');
  });

  it('findOnPath skips empty PATH entries and returns undefined when absent', () => {
    expect(findOnPath('zsh', `::${bin}`)).toBe(join(bin, 'zsh'));
    expect(findOnPath('nope', bin)).toBeUndefined();
  });
});
