/**
 * Durations as Prometheus writes them ('90s', '5m', '1h30m', '30d') or as a number of
 * milliseconds, so alert windows read the same in ballast.yaml as in a rules file.
 */

/** A duration string such as '5m' or '1h30m', or milliseconds. */
export type Duration = string | number;

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: SECOND_MS, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS };
const WHOLE = /^(?:\d+(?:ms|s|m|h|d))+$/;
const PART = /(\d+)(ms|s|m|h|d)/g;

/**
 * Milliseconds in a duration, or null when it is not one (negative, not finite, or a
 * string with an unknown unit). '0' is zero.
 *
 * @example parseDuration('1h30m') // 5_400_000
 */
export function parseDuration(d: Duration): number | null {
  if (typeof d === 'number') return Number.isFinite(d) && d >= 0 ? d : null;
  const s = d.trim();
  if (s === '0') return 0;
  if (!WHOLE.test(s)) return null;
  let ms = 0;
  for (const [, n, unit] of s.matchAll(PART)) ms += Number(n) * (UNIT_MS[unit as string] as number);
  return ms;
}

/**
 * The shortest Prometheus-style spelling of a duration: the label of a window.
 *
 * @example formatDuration(30 * 86_400_000) // '30d'; formatDuration(5_400_000) // '1h30m'
 */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of [['d', DAY_MS], ['h', HOUR_MS], ['m', MINUTE_MS], ['s', SECOND_MS], ['ms', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out === '' ? `${ms}ms` : out;
}
