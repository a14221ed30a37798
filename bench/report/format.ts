/** Number formatting shared by every table: fixed, readable, no locale surprises. */

/** 12345.6 → "12,346"; small numbers keep `digits` decimals. */
export function num(value: number | undefined, digits = 0): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  const fixed = value.toFixed(digits);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** Significant-looking milliseconds: 0.42 ms, 3.1 ms, 27 ms, 1,234 ms. */
export function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return `${num(value, value < 1 ? 2 : value < 10 ? 1 : 0)} ms`;
}

/** Bytes as MiB with one decimal. */
export function mib(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '–';
  return `${num(bytes / 2 ** 20, 1)} MiB`;
}

/** Bytes as KiB with one decimal. */
export function kib(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '–';
  return `${num(bytes / 1024, 1)} KiB`;
}

/** a / b as "1.07×", or "–" when either side is missing or b is zero. */
export function ratio(a: number | undefined, b: number | undefined): string {
  const r = ratioValue(a, b);
  return r === undefined ? '–' : `${r.toFixed(2)}×`;
}

/** a / b, or undefined when it has no meaning. */
export function ratioValue(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return undefined;
  return a / b;
}

/** Seconds as "2 min 41 s" or "38.2 s". */
export function duration(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
