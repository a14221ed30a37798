import { describe, expect, it } from 'vitest';
import { HEARTBEAT_TICK_MS, HeartbeatSchedule } from '../../relay/heartbeat-schedule';

describe('heartbeat schedule', () => {
  it('pings every connection exactly once per interval, a small slice per tick', () => {
    const schedule = new HeartbeatSchedule(10_000);
    expect(schedule.tickMs * schedule.slices).toBe(10_000);
    expect(schedule.tickMs).toBe(HEARTBEAT_TICK_MS);
    const slots = Array.from({ length: 20_000 }, () => schedule.assign());
    const pinged = new Array<number>(slots.length).fill(0);
    let largestTick = 0;
    for (let tick = 0; tick < schedule.slices; tick++) {
      const due = schedule.next();
      let count = 0;
      slots.forEach((slot, i) => {
        if (slot === due) {
          pinged[i]!++;
          count++;
        }
      });
      largestTick = Math.max(largestTick, count);
    }
    expect(pinged.every((n) => n === 1)).toBe(true);
    // 20,000 members over 100 ticks: 200 pings a tick, not 20,000 at once.
    expect(largestTick).toBe(200);
  });

  it('starts each interval at slot 0 and wraps', () => {
    const schedule = new HeartbeatSchedule(1_000);
    const seen = Array.from({ length: schedule.slices * 2 }, () => schedule.next());
    expect(seen[0]).toBe(0);
    expect(seen[schedule.slices]).toBe(0);
    expect(new Set(seen).size).toBe(schedule.slices);
  });

  it('keeps one slice for intervals no longer than a tick', () => {
    const schedule = new HeartbeatSchedule(50);
    expect(schedule.slices).toBe(1);
    expect(schedule.tickMs).toBe(50);
    expect([schedule.assign(), schedule.assign(), schedule.next(), schedule.next()]).toEqual([0, 0, 0, 0]);
  });
});
