/**
 * The drill report in Markdown, from the finished drill's view: what happened, how fast
 * the router noticed and failed over, what it cost the error budget, whether p95 held,
 * the timeline and the scribe's findings. Figures are shown as measured, never rounded
 * into compliance.
 */
import type { DrillView } from './drill-view.js';
import { ROLE_LABEL } from './sop.js';

const ms = (v: number | null) =>
  v === null ? 'not observed' : v < 1000 ? `${Math.round(v)} ms` : v < 60_000 ? `${(v / 1000).toFixed(2)} s` : `${Math.floor(v / 60_000)} min ${Math.floor((v % 60_000) / 1000)} s`;
const pct = (v: number | null, digits = 2) => (v === null ? 'n/a' : `${(v * 100).toFixed(digits)}%`);
const clock = (offset: number) => {
  const s = Math.max(0, Math.floor(offset / 1000));
  return `+${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};
/** Table cells: no pipes or newlines from people's text. */
const cell = (s: string | null) => (s ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function renderReport(v: DrillView): string {
  const f = v.figures;
  const d = v.detection;
  const t = f.targets;
  const held = f.met.p95_after_failure;
  const durationMs = (v.finished_at ? Date.parse(v.finished_at) : Date.parse(v.now)) - Date.parse(v.started_at);
  const lines: string[] = [
    `# Failover drill report`,
    '',
    `Drill \`${v.id}\`, started ${v.started_at}, finished ${v.finished_at ?? 'not finished'} (${ms(durationMs)}; the clock allowed 30 min${v.remaining_ms < 0 ? `, overran by ${ms(-v.remaining_ms)}` : ''}).`,
    '',
    `- ${ROLE_LABEL.lead}: ${v.roles.lead}`,
    `- ${ROLE_LABEL.operator}: ${v.roles.operator}`,
    `- ${ROLE_LABEL.scribe}: ${v.roles.scribe}`,
    `- primary provider: ${v.primary}`,
    '',
    '## Result',
    '',
    '| figure | measured | target |',
    '|---|---|---|',
    `| time to detect (revoke -> first auth failure on ${d.provider ?? 'the revoked provider'}) | ${ms(d.time_to_detect_ms)} | |`,
    `| time to fail over (revoke -> first answer from another provider) | ${ms(d.time_to_failover_ms)} | |`,
    `| time to recover (restore -> first answer from the restored provider) | ${ms(d.time_to_recover_ms)} | |`,
    `| requests during the drill | ${f.requests} (${f.eligible} eligible, ${f.client_errors} client errors) | |`,
    `| requests failed (eligible) | ${f.failed} | |`,
    `| success rate | ${pct(f.success_rate, 3)} | ${pct(t.success_rate, 1)} |`,
    `| p95 latency after the first failure | ${f.p95_after_failure_ms === null ? 'no data' : `${f.p95_after_failure_ms} ms`} | ${t.p95_latency_ms} ms: ${held === null ? 'no data' : held ? 'held' : 'MISSED'} |`,
    `| p95 latency over the whole drill | ${f.p95_ms === null ? 'no data' : `${f.p95_ms} ms`} | ${t.p95_latency_ms} ms |`,
    '',
    '### Traffic split (requests served)',
    '',
    ...(f.split.length === 0 ? ['No request was served during the drill.'] : f.split.map((s) => `- ${s.provider}: ${s.requests} (${pct(s.share, 1)})`)),
    '',
    '### Error budget',
    '',
    v.error_budget === null
      ? 'The SLO engine had no ledger to read: the error budget is unknown.'
      : `${v.error_budget.failed_in_drill} failed eligible requests during the drill, against ${v.error_budget.allowed_in_window} failures allowed over the rolling ${v.error_budget.window_days} days (${v.error_budget.window_eligible} eligible requests at ${pct(t.success_rate, 1)}): ${v.error_budget.share === null ? 'the window allows no failure yet' : `${pct(v.error_budget.share)} of the budget`}.`,
    '',
    '## Checklist',
    '',
    ...v.steps.map(
      (s) =>
        `- [${s.checked_at ? 'x' : ' '}] ${s.label} (${ROLE_LABEL[s.role]})${s.checked_at ? `: ${s.checked_by ?? ''} at ${clock(Date.parse(s.checked_at) - Date.parse(v.started_at))}` : ''}${s.override ? ` **overridden**: not met (${cell(s.override.reason)}); note: ${cell(s.override.note)}` : ''}`,
    ),
    '',
    '## Timeline',
    '',
    '| clock | time (UTC) | event | who | detail |',
    '|---|---|---|---|---|',
    ...v.timeline.map((e) => `| ${clock(e.offset_ms)} | ${e.at.slice(11, 23)} | ${e.label}${e.step ? `: ${cell(e.step)}` : ''} | ${cell(e.who)} | ${cell(e.text ?? e.detail)} |`),
    '',
    '## Findings',
    '',
    v.findings?.trim() ? v.findings.trim() : '_The scribe recorded no findings._',
    '',
  ];
  const notes = v.timeline.filter((e) => e.kind === 'note');
  if (notes.length > 0) lines.push('### Scribe notes', '', ...notes.map((n) => `- ${clock(n.offset_ms)} ${n.who ?? ''}: ${cell(n.text)}`), '');
  const findings: string[] = [];
  if (d.time_to_failover_ms === null && d.revoked_at !== null) findings.push('The router was not seen failing over after the revoke.');
  if (f.success_rate !== null && f.success_rate < t.success_rate) findings.push(`Success rate ${pct(f.success_rate, 3)} dipped below the ${pct(t.success_rate, 1)} target.`);
  if (held === false) findings.push(`p95 after the first failure (${f.p95_after_failure_ms} ms) missed the ${t.p95_latency_ms} ms target.`);
  if (d.restored_at !== null && d.recovered_at === null) findings.push('The restored provider served no request before the drill ended: recovery is unconfirmed.');
  for (const problem of v.unhealthy ?? []) findings.push(`**Not back to normal at the finish:** ${problem}. ${/revoked/.test(problem) ? 'Restore it now (Drill page, Restore; or POST /admin/providers/<name>/restore).' : 'It returns to rotation when the cooldown ends.'}`);
  for (const s of v.steps) if (s.override) findings.push(`Step "${s.label}" was checked with its condition not met (${s.override.reason}); the note says: ${cell(s.override.note)}`);
  lines.push('### Flagged from the figures', '', ...(findings.length === 0 ? ['None: the drill was boring, which is the point.'] : findings.map((x) => `- ${x}`)), '');
  return lines.join('\n');
}
