import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostServices, type HostServices } from '../../src/host/index';
import { OutputLog, TEST_SHELL, tempRoot } from './support';

describe('host terminal between sessions', () => {
  let services: HostServices;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const { root, remove } = await tempRoot();
    services = createHostServices({ workspaceRoot: root, ...TEST_SHELL });
    cleanup = remove;
  });

  afterEach(async () => {
    await services.dispose();
    await cleanup();
  });

  it('never replays an earlier session’s output after the terminal is closed', async () => {
    const log = new OutputLog();
    services.terminal.onOutput(log.listener);
    await services.terminal.open({ cols: 80, rows: 24 });
    await services.terminal.write('echo secret-$((40+2))\r');
    await log.waitFor('secret-42');
    await services.terminal.close();

    const next = await services.terminal.open({ cols: 80, rows: 24 });
    expect(next.seq).toBeGreaterThan(0);
    const catchUp = await services.terminal.catchUp(0);
    expect(catchUp.kind).toBe('snapshot');
    const text = catchUp.kind === 'snapshot' ? catchUp.data : '';
    expect(text).not.toContain('secret-42');
  });
});
