import { describe, expect, it } from 'vitest';
import { DrillFigures } from '../../../../src/router/drill/drill-figures.js';
import { renderReport } from '../../../../src/router/drill/drill-report.js';
import type { DrillRow } from '../../../../src/router/drill/drill-store.js';
import { budgetUse, toView } from '../../../../src/router/drill/drill-view.js';
import type { DrillEvent } from '../../../../src/router/drill/timeline.js';

const T0 = Date.UTC(2026, 10, 20, 15, 0, 0);
const row = (figures: DrillFigures): DrillRow => ({
  id: 'drill_abc',
  started_at: T0,
  deadline: T0 + 1_800_000,
  lead: 'Ada',
  operator: 'Otto',
  scribe: 'Sam | <b>',
  primary_provider: 'primary',
  finished_at: T0 + 600_000,
  findings: 'Failover was slow.',
  figures: figures.snapshot(),
  report: null,
});
const events: DrillEvent[] = [
  { at: T0, kind: 'started' },
  { at: T0 + 60_000, kind: 'revoke', provider: 'primary', who: 'Otto' },
  { at: T0 + 60_250, kind: 'first_auth_failure', provider: 'primary' },
  { at: T0 + 61_000, kind: 'failover', provider: 'primary' },
  { at: T0 + 120_000, kind: 'note', who: 'Sam | <b>', text: 'two lines\nin one note' },
];

describe('renderReport', () => {
  it('states a missed p95 and a success rate below target as they are, and the budget share', () => {
    const f = new DrillFigures();
    for (let i = 0; i < 97; i++) f.add({ provider: 'secondary', eligible: true, success: true, latencyMs: i < 90 ? 800 : 4000, afterFirstFailure: true });
    for (let i = 0; i < 3; i++) f.add({ provider: null, eligible: true, success: false, latencyMs: null, afterFirstFailure: true });
    const figures = f.view({ success_rate: 0.995, p95_latency_ms: 2500 });
    const md = renderReport(toView(row(f), events, figures, budgetUse(figures.failed, { allowed: 12, eligible: 2400, window_days: 30 }), T0 + 600_000));
    expect(md).toContain('| time to detect (revoke -> first auth failure on primary) | 250 ms |');
    expect(md).toContain('| time to fail over (revoke -> first answer from another provider) | 1.00 s |');
    expect(md).toContain('| requests failed (eligible) | 3 |');
    expect(md).toContain('| success rate | 97.000% | 99.5% |');
    expect(md).toMatch(/\| p95 latency after the first failure \| (39[6-9]\d|40[0-3]\d)(\.\d)? ms \| 2500 ms: MISSED \|/);
    expect(md).toContain('3 failed eligible requests during the drill, against 12 failures allowed over the rolling 30 days (2400 eligible requests at 99.5%): 25.00% of the budget.');
    expect(md).toContain('- Success rate 97.000% dipped below the 99.5% target.');
    expect(md).toContain('Failover was slow.');
    expect(md).toContain('finished 2026-11-20T15:10:00.000Z (10 min 0 s;');
    // people's text cannot break the tables
    expect(md).toContain('| +02:00 | 15:02:00.000 | Note | Sam \\| <b> | two lines in one note |');
  });

  it('says when nothing was observed instead of inventing a figure', () => {
    const f = new DrillFigures();
    const figures = f.view({ success_rate: 0.995, p95_latency_ms: 2500 });
    const md = renderReport(toView(row(f), [events[0]!, events[1]!], figures, null, T0 + 600_000));
    expect(md).toContain('| time to detect (revoke -> first auth failure on primary) | not observed |');
    expect(md).toContain('no data');
    expect(md).toContain('The router was not seen failing over after the revoke.');
    expect(md).toContain('the error budget is unknown');
  });
});
