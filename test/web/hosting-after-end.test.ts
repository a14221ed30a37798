import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostClient, startHarness, type Harness } from './web-shell-harness';

describe('web shell: hosting right after another tab ended its session', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness({ servicesIdleMs: 5_000 });
  });
  afterEach(() => harness.stop());

  it('a claim made while the host is still closing its shell waits for it, instead of being refused', async () => {
    const first = await HostClient.connect(harness);
    const second = await HostClient.connect(harness);
    await first.call('terminal:open', { cols: 80, rows: 24 });
    harness.created[0]!.closeDelayMs = 300;
    const closing = first.call('terminal:close');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(second.call('terminal:open', { cols: 100, rows: 30 })).resolves.toMatchObject({ cols: 100 });
    await closing;
    expect(harness.created[0]!.calls.map(([name]) => name)).toEqual(['open', 'close', 'open']);
  });
});
