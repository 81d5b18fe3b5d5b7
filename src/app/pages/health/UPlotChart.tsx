/**
 * One uPlot line chart over time, sized to its container, in the colours of the current
 * light or dark scheme (re-drawn when the system switches). Gaps stay gaps: a bucket
 * with no data is null, never drawn as 0.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartProps {
  id: string;
  title: string;
  /** Bucket starts, epoch ms. */
  t: number[];
  y: Array<number | null>;
  /** Drawn as a dashed line: the SLO target. */
  target?: number;
  /** Cap of the y axis (100 for percentages). */
  yMax?: number;
  format(v: number): string;
}

const DARK = '(prefers-color-scheme: dark)';
function subscribeScheme(l: () => void): () => void {
  const m = matchMedia(DARK);
  m.addEventListener('change', l);
  return () => m.removeEventListener('change', l);
}
const useDark = () => useSyncExternalStore(subscribeScheme, () => matchMedia(DARK).matches);

export function summarize(y: Array<number | null>, format: (v: number) => string): string {
  const vals = y.filter((v): v is number => v !== null);
  if (vals.length === 0) return 'No data in this period.';
  const last = [...y].reverse().find((v) => v !== null) as number;
  return `Latest ${format(last)}, lowest ${format(Math.min(...vals))}, highest ${format(Math.max(...vals))}.`;
}

/** The legend away from the cursor shows a dash; under it, the bucket's value or "no data". */
function legendValue(format: (v: number) => string) {
  return (_u: uPlot, v: number | null, _series: number, idx: number | null) => (idx === null ? '—' : v === null ? 'no data' : format(v));
}

/** Room for the longest y label, so "100.00%" is not clipped. */
function axisWidth(_u: uPlot, values: string[] | null): number {
  const longest = Math.max(0, ...(values ?? []).map((v) => v.length));
  return Math.max(48, longest * 7.5 + 18);
}

export function UPlotChart({ id, title, t, y, target, yMax, format }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const dark = useDark();
  const data = (): uPlot.AlignedData => {
    const xs = t.map((ms) => ms / 1000);
    return target === undefined ? [xs, y] : [xs, y, xs.map(() => target)];
  };

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const css = getComputedStyle(el);
    const color = (name: string) => css.getPropertyValue(name).trim();
    const axis = { stroke: color('--chart-axis'), grid: { stroke: color('--chart-grid'), width: 1 }, ticks: { stroke: color('--chart-grid'), width: 1 } };
    const series: uPlot.Series[] = [
      {},
      { label: title, stroke: color('--chart-line'), width: 2, spanGaps: false, points: { show: true, size: 5 }, value: legendValue(format) },
    ];
    if (target !== undefined) series.push({ label: 'target', stroke: color('--chart-target'), width: 1.5, dash: [6, 4], points: { show: false }, value: legendValue(format) });
    const opts: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height: 180,
      series,
      scales: {
        x: { time: true },
        y: {
          range: (_u, min, max) => {
            let lo = Math.min(min ?? 0, target ?? Infinity);
            let hi = Math.max(max ?? 1, target ?? -Infinity);
            const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
            lo = Math.max(0, lo - pad);
            hi = yMax === undefined ? hi + pad : Math.min(yMax, hi + pad);
            return [lo, hi];
          },
        },
      },
      axes: [axis, { ...axis, size: axisWidth, values: (_u, splits) => splits.map((v) => format(v)) }],
      legend: { show: true, live: true },
    };
    plot.current = new uPlot(opts, data(), el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(280, el.clientWidth), height: 180 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // re-created when the scheme or the target changes; data changes only set data
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dark, target, title]);

  useEffect(() => {
    plot.current?.setData(data());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, y]);

  const summary = summarize(y, format);
  const points = y.filter((v) => v !== null).length;
  return (
    <figure className="chart" aria-labelledby={`${id}-title`} data-chart={id} data-points={points}>
      <figcaption>
        <span id={`${id}-title`} className="chart-title">
          {title}
        </span>{' '}
        <span className="small muted">{summary}</span>
      </figcaption>
      <div ref={box} className="chart-canvas" role="img" aria-label={`${title}: ${summary}`} />
    </figure>
  );
}
