/**
 * The terminal drill's screen: clock, roles, checklist, live figures, the last timeline
 * entries and the keys. Plain text; the caller clears the screen on a TTY.
 */
import type { DrillView } from './drill-view.js';
import { ROLE_LABEL } from './sop.js';

export const KEYS_LINE = 'Keys: c = check next step   r = revoke primary   s = restore primary   n = note   f = finish   Enter = refresh   q = quit (the drill keeps running)';

export function formatClock(ms: number): string {
  const neg = ms < 0;
  const s = Math.floor(Math.abs(ms) / 1000);
  const text = `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return neg ? `-${text}` : text;
}

const pct = (v: number | null, d = 1) => (v === null ? 'n/a' : `${(v * 100).toFixed(d)}%`);
const ms = (v: number | null) => (v === null ? 'n/a' : `${Math.round(v)} ms`);

export function renderScreen(v: DrillView, primaryState: string, remainingMs: number): string {
  const f = v.figures;
  const lines = [
    `ballast drill ${v.id}   primary: ${v.primary} (${primaryState})   ${v.status}`,
    remainingMs >= 0 ? `Clock: ${formatClock(remainingMs)} left of 30:00` : `Clock: OVERTIME ${formatClock(-remainingMs)} past the 30:00 deadline`,
    `Drill lead: ${v.roles.lead}   Operator: ${v.roles.operator}   Scribe: ${v.roles.scribe}`,
    '',
    'Checklist',
    ...v.steps.map((s, i) => {
      const mark = s.checked_at ? '[x]' : '[ ]';
      const who = s.checked_at ? `, checked by ${s.checked_by ?? '?'}` : ` (${ROLE_LABEL[s.role]})`;
      return ` ${mark} ${i + 1}. ${s.label}${who}${s.id === v.next_step ? '   <- next' : ''}`;
    }),
    '',
    `Live since the start: ${f.requests} requests, ${f.failed} failed, success ${pct(f.success_rate, 3)} (target ${pct(f.targets.success_rate)})`,
    `p95 ${ms(f.p95_ms)}, after the first failure ${ms(f.p95_after_failure_ms)} (target ${f.targets.p95_latency_ms} ms${f.met.p95_after_failure === false ? ': MISSED' : ''})`,
    `Split: ${f.split.length === 0 ? 'no traffic yet' : f.split.map((s) => `${s.provider} ${s.requests} (${pct(s.share, 0)})`).join(', ')}`,
    '',
    'Timeline (latest last)',
    ...v.timeline.slice(-8).map((e) => ` +${formatClock(e.offset_ms)} ${e.label}${e.step ? ` (${e.step})` : ''}${e.who ? ` - ${e.who}` : ''}${e.text && e.kind === 'note' ? `: ${e.text}` : e.detail ? `: ${e.detail}` : ''}`),
    '',
    KEYS_LINE,
  ];
  return lines.join('\n');
}
