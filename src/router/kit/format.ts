/**
 * How the kit prints a measured figure next to its target. A figure is never rounded
 * into compliance: it gets as many digits as it takes for the printed number to sit on
 * the same side of the target as the real one (99.49% against 99.5% prints 99.49%, not
 * 99.5%), and its verdict comes from the SLO engine's own `met` flag.
 */

export type Verdict = 'met' | 'missed' | 'no data' | 'not enough traffic';

export interface FigureSpec {
  /** The measured value, or null when the window has no data. */
  value: number | null;
  target: number;
  /** Which side of the target is good. */
  better: 'higher' | 'lower';
  /** The engine's verdict (WindowSlis.met.*); null when there is nothing to judge. */
  met: boolean | null;
  /** The window has a value but too little traffic to judge it (slo.min_requests): printed, not judged. */
  tooLittleTraffic?: boolean;
  /** Multiplies the value before printing (100 for a rate shown in percent). */
  scale?: number;
  /** Digits always shown after the point (the target's own precision is added). */
  minDecimals?: number;
  /** Significant digits always shown (for small amounts such as $0.0000143). */
  significant?: number;
  /** The best possible value (1 for a rate): printed only when the value is exactly that. */
  perfect?: number;
  prefix?: string;
  suffix?: string;
}

export interface FormattedFigure {
  /** The measured value as printed, or "no data". */
  value: string;
  /** The target as printed, with its direction: "≥ 99.5%", "≤ 2,500 ms". */
  target: string;
  verdict: Verdict;
}

const MAX_DECIMALS = 8;

/** Digits after the point needed to write `x` exactly (up to MAX_DECIMALS). */
function decimalsOf(x: number): number {
  for (let d = 0; d <= MAX_DECIMALS; d++) if (Number(x.toFixed(d)) === Number(x.toPrecision(12))) return d;
  return MAX_DECIMALS;
}

function group(text: string): string {
  const [int, frac] = text.split('.');
  const grouped = (int as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/**
 * The value printed with the fewest digits (at least the target's precision) that keep
 * it on its true side of the target. Past MAX_DECIMALS it is cut towards the bad side,
 * so a miss still reads as a miss.
 *
 * @example printOnSide(99.49, 99.5, 'higher', 0) // '99.49'
 * @example printOnSide(99.4999, 99.5, 'higher', 0) // '99.4999'
 */
export function printOnSide(value: number, target: number, better: 'higher' | 'lower', minDecimals = 0, significant = 0, perfect: number | null = null): string {
  const v = Number(value.toPrecision(12)); // binary noise is not a measurement
  const good = better === 'higher' ? v >= target : v <= target;
  const sig = significant > 0 && v !== 0 ? significant - 1 - Math.floor(Math.log10(Math.abs(v))) : 0;
  const start = Math.min(MAX_DECIMALS, Math.max(minDecimals, decimalsOf(target), sig));
  for (let d = start; d <= MAX_DECIMALS; d++) {
    const printed = Number(v.toFixed(d));
    const printedGood = better === 'higher' ? printed >= target : printed <= target;
    // An exact hit on a miss (printed === target) would read as met, 99.96% printed as
    // 100.0% as flawless: go on.
    const misleading = (printed === target || printed === perfect) && v !== printed;
    if (printedGood === good && !misleading) return v.toFixed(d);
  }
  const f = 10 ** MAX_DECIMALS;
  const badward = better === 'higher' ? Math.floor(v * f) : Math.ceil(v * f);
  return (badward / f).toFixed(MAX_DECIMALS);
}

/**
 * A measured figure against its target, printed honestly.
 *
 * @example formatFigure({ value: 0.9949, target: 0.995, better: 'higher', met: false, scale: 100, suffix: '%' })
 *   // { value: '99.49%', target: '≥ 99.5%', verdict: 'missed' }
 */
export function formatFigure(spec: FigureSpec): FormattedFigure {
  const scale = spec.scale ?? 1;
  const pre = spec.prefix ?? '';
  const suf = spec.suffix ?? '';
  const target = Number((spec.target * scale).toPrecision(12));
  const targetText = `${spec.better === 'higher' ? '≥' : '≤'} ${pre}${group(target.toFixed(Math.max(spec.minDecimals ?? 0, decimalsOf(target))))}${suf}`;
  if (spec.value === null || (spec.met === null && !spec.tooLittleTraffic)) return { value: 'no data', target: targetText, verdict: 'no data' };
  const perfect = spec.perfect === undefined ? null : Number((spec.perfect * scale).toPrecision(12));
  const printed = printOnSide(spec.value * scale, target, spec.better, spec.minDecimals ?? 0, spec.significant ?? 0, perfect);
  const verdict: Verdict = spec.met === null ? 'not enough traffic' : spec.met ? 'met' : 'missed';
  return { value: `${pre}${group(printed)}${suf}`, target: targetText, verdict };
}

/** A count with thousands separators: 12,345. */
export function formatCount(n: number): string {
  return group(String(Math.round(n)));
}

/** "1 request" / "2 requests". */
export function requests(n: number, what = 'request'): string {
  return `${formatCount(n)} ${what}${n === 1 ? '' : 's'}`;
}

/** A window label in words: '30d' -> 'rolling 30 days', '5m' -> 'last 5 minutes'. */
export function windowWords(label: string, rolling: boolean): string {
  const m = /^(\d+)([dhm])$/.exec(label);
  const unit = m ? { d: 'day', h: 'hour', m: 'minute' }[m[2] as 'd' | 'h' | 'm'] : null;
  const span = m && unit ? `${m[1]} ${unit}${m[1] === '1' ? '' : 's'}` : label;
  return rolling ? `rolling ${span}` : `last ${span}`;
}

/** A USD amount with enough digits to show sub-cent costs: $0.000123. */
export function formatUsdAmount(usd: number): string {
  if (usd === 0) return '$0';
  const digits = Math.min(MAX_DECIMALS, Math.max(2, decimalsOf(usd)));
  return `$${group(Number(usd.toPrecision(12)).toFixed(digits))}`;
}

/** Milliseconds in words: 2500 -> '2.5 s', 800 -> '800 ms'. */
export function formatMs(ms: number): string {
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000} s` : `${formatCount(ms)} ms`;
}

/**
 * The SLO as one sentence.
 *
 * @example promise(withDefaults()) // '99.5% of requests succeed, p95 latency under 2.5 s, average cost per request under $0.015, measured over a rolling 30-day window.'
 */
export function promise(t: { success_rate: number; p95_latency_ms: number; avg_cost_usd: number; window_days: number }): string {
  const pct = Number((t.success_rate * 100).toPrecision(12));
  return `${pct}% of requests succeed, p95 latency under ${formatMs(t.p95_latency_ms)}, average cost per request under ${formatUsdAmount(t.avg_cost_usd)}, measured over a rolling ${t.window_days}-day window.`;
}
