/** How the session clock reads and how the host types a countdown. */

/** "0:07", "12:34", "1:02:03": elapsed or remaining time, whole seconds, rounded down. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Longest countdown the host may set: a working day is far beyond any interview. */
export const MAX_COUNTDOWN_MS = 10 * 60 * 60 * 1000;

/**
 * A countdown as the host types it: "45" (minutes), "m:ss" or "h:mm:ss", "90s", "5m".
 * Undefined for anything else, zero, or past MAX_COUNTDOWN_MS.
 */
export function parseCountdown(input: string): number | undefined {
  const text = input.trim().toLowerCase();
  let ms: number | undefined;
  const unit = /^(\d+(?:\.\d+)?)\s*(s|sec|m|min|h)$/.exec(text);
  if (/^\d+(?:\.\d+)?$/.test(text)) ms = Number(text) * 60_000;
  else if (unit) ms = Number(unit[1]) * { s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 }[unit[2] as 's' | 'sec' | 'm' | 'min' | 'h'];
  else if (/^\d+(:[0-5]\d){1,2}$/.test(text)) ms = text.split(':').reduce((sum, part) => sum * 60 + Number(part), 0) * 1000;
  if (ms === undefined || !Number.isFinite(ms) || ms < 1000 || ms > MAX_COUNTDOWN_MS) return undefined;
  return Math.round(ms);
}
