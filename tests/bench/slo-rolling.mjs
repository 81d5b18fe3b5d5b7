// The rolling 30-day SLO over the rollups of 10 million requests: read from the ledger
// (SQLite) and computed by the core engine, as GET /api/slo does; and the chart series
// of GET /api/slo/series over the same rollups.
// Usage: npm run build && node tests/bench/slo-rolling.mjs
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openLedger } from '../../dist/router/ledger/index.js';
import { computeSlis } from '../../dist/core/slo/compute-slis.js';
import { bucketSeries } from '../../dist/core/slo/series.js';
import { RollupWindow } from '../../dist/router/api/rollup-window.js';
import { withDefaults } from '../../dist/core/slo/config.js';
import { createHistogram, record, toJSON } from '../../dist/core/histogram.js';

const MINUTE = 60_000;
const DAYS = 30;
const TOTAL = 10_000_000;
const combos = [
  ['acme', 'chat', 'primary'],
  ['acme', 'chat', 'secondary'],
  ['globex', 'search', 'primary'],
];
const now = Math.floor(Date.now() / MINUTE) * MINUTE;
const minutes = DAYS * 24 * 60;
const perRollup = Math.round(TOTAL / (minutes * combos.length));

const path = join(mkdtempSync(join(tmpdir(), 'ballast-slo-bench-')), 'ledger.db');
openLedger({ path }).close(); // creates the schema
const db = new Database(path);
// Columns named: later migrations add counts (abandoned, ...) and cache_latency, defaulting to 0 and '{}'.
const insert = db.prepare('INSERT INTO rollups (minute, tenant, feature, provider, eligible, successes, client_errors, cost_usd, cost_saved_usd, cache_hits, latency) VALUES (?,?,?,?,?,?,?,?,?,?,?)');
let seed = 1;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const t0 = performance.now();
db.transaction(() => {
  for (let m = 0; m < minutes; m++) {
    for (const [tenant, feature, provider] of combos) {
      const h = createHistogram();
      for (let i = 0; i < 40; i++) record(h, 300 + rand() * 2500, perRollup / 40);
      const ok = perRollup - (rand() < 0.01 ? 3 : 0);
      insert.run(now - (minutes - 1 - m) * MINUTE, tenant, feature, provider, perRollup, ok, 0, perRollup * 0.004, 0, 0, JSON.stringify(toJSON(h)));
    }
  }
})();
db.close();
console.log(`Populated ${minutes * combos.length} rollups (${(perRollup * minutes * combos.length / 1e6).toFixed(1)} M requests over ${DAYS} days) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

const ledger = openLedger({ path });
const slo = withDefaults();
const time = (f) => {
  const a = performance.now();
  const v = f();
  return [performance.now() - a, v];
};
// Naive: read every minute of the window and merge it all, on every call.
const naive = [];
for (let i = 0; i < 3; i++) naive.push(time(() => computeSlis(ledger.rollupsBetween(now - DAYS * 86_400_000 - MINUTE, now + MINUTE), now + 30_000, slo, {}))[0]);
// As GET /api/slo does: hours older than a day merged once and kept; recent minutes re-read.
const window = new RollupWindow(ledger, DAYS * 86_400_000);
const [cold, first] = time(() => computeSlis(window.at(now + 30_000), now + 30_000, slo, {}));
const warm = [];
let report;
for (let i = 0; i < 15; i++) {
  const [ms, r] = time(() => computeSlis(window.at(now + 30_000 + i * 1000), now + 30_000 + i * 1000, slo, {}));
  warm.push(ms);
  report = r;
}
// GET /api/slo/series: the last hour by minute and the last day by 5 minutes, from the
// warm window (as the endpoint does) and, beside it, from SQLite read on every call.
const seriesTimes = {};
for (const [name, spec] of [['1 h by 1 min', { minutes: 60, stepMinutes: 1 }], ['24 h by 5 min', { minutes: 1440, stepMinutes: 5 }]]) {
  const warmSeries = [];
  const fromSqlite = [];
  for (let i = 0; i < 15; i++) {
    const t = now + 30_000 + i * 1000;
    warmSeries.push(time(() => bucketSeries(window.at(t), t, spec))[0]);
    if (i < 5) fromSqlite.push(time(() => bucketSeries(ledger.rollupsBetween(t - spec.minutes * MINUTE - MINUTE, t + MINUTE), t, spec))[0]);
  }
  seriesTimes[name] = { warmSeries, fromSqlite };
}
ledger.close();
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const p95 = (a) => [...a].sort((x, y) => x - y)[Math.ceil(a.length * 0.95) - 1];
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average ${(await import('node:os')).loadavg()[0].toFixed(2)}`);
console.log(`  naive (read and merge every minute)   median ${median(naive).toFixed(1)} ms`);
console.log(`  warm window, first call (cold)        ${cold.toFixed(1)} ms`);
console.log(`  warm window, later calls              median ${median(warm).toFixed(1)} ms, p95 ${p95(warm).toFixed(1)} ms`);
console.log(`  same figures: rolling eligible ${report.rolling.eligible.toLocaleString('en')} (naive ${first.rolling.eligible.toLocaleString('en')}), p95 ${report.rolling.p95LatencyMs?.toFixed(1)} ms`);
for (const [name, { warmSeries, fromSqlite }] of Object.entries(seriesTimes)) {
  console.log(`  series ${name.padEnd(14)} warm window median ${median(warmSeries).toFixed(1)} ms, p95 ${p95(warmSeries).toFixed(1)} ms; read from SQLite each call median ${median(fromSqlite).toFixed(1)} ms`);
}
console.log(`\nTarget: the rolling 30-day SLO answers in <= 50 ms: ${median(warm) <= 50 ? 'PASS' : 'MISS'} (warm; the first call after start pays ${cold.toFixed(0)} ms once)`);
