import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../support/wait';
import { HostClient, startHarness, type Harness } from './web-shell-harness';

describe('web shell: one page hosts at a time', () => {
  let harness: Harness;
  let first: HostClient;
  let second: HostClient;
  beforeEach(async () => {
    harness = await startHarness({ servicesIdleMs: 5_000 });
    first = await HostClient.connect(harness);
    second = await HostClient.connect(harness);
  });
  afterEach(() => harness.stop());

  it('refuses the shell to a second tab while the first hosts, and sends the terminal only to the host', async () => {
    await first.call('terminal:open', { cols: 80, rows: 24 });
    await expect(second.call('terminal:open', { cols: 80, rows: 24 })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('already hosting a session in another tab'),
    });
    await expect(second.call('terminal:close')).rejects.toMatchObject({ code: 'unavailable' });
    await expect(second.call('run:run', { language: 'python', source: 'print(1)' })).rejects.toMatchObject({ code: 'unavailable' });
    // The refused calls never reached the shell: the first interview's terminal is untouched.
    expect(harness.created[0]!.calls.map(([name]) => name)).toEqual(['open']);
    // Pages that are not the host keep everything else (settings, app info).
    expect(await second.call('app:info')).toMatchObject({ shell: 'web' });

    harness.created[0]!.emitOutput({ seq: 0, data: new Uint8Array([104, 105]) });
    await waitUntil(() => first.frames.length > 0, 2_000, 'output at the host page');
    expect(second.frames).toHaveLength(0);
  });

  it('lets another tab host once the first ended its session', async () => {
    await first.call('terminal:open', { cols: 80, rows: 24 });
    await first.call('terminal:close');
    await second.call('terminal:open', { cols: 100, rows: 30 });
    await expect(first.call('terminal:open', { cols: 80, rows: 24 })).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('lets another page host once the host page went away (a reload)', async () => {
    await first.call('terminal:open', { cols: 80, rows: 24 });
    first.close();
    // The close handshake completes only after the web shell has seen the page go.
    await first.closed;
    await second.call('terminal:open', { cols: 80, rows: 24 });
    // The same services (the reloaded page resumes the same shell).
    expect(harness.created).toHaveLength(1);
  });
});
