import { expect, test, type Locator, type Page } from '@playwright/test';
import { formatBurnRate, formatCount, formatMs, formatPercent, formatSuccessRate, formatUsd } from '../../src/app/pages/health/format.js';
import { ask, openControlled, prompt, storedCount, travelCall } from './helpers.js';
import { startRouter, type RouterProcess } from './router-process.js';

let router: RouterProcess | null = null;

test.afterEach(async () => {
  await router?.kill();
  router = null;
});

interface Window {
  window: string;
  eligible: number;
  successRate: number | null;
  p95LatencyMs: number | null;
  avgCostUsd: number | null;
  cacheHitRate: number | null;
}
interface SloReport {
  generated_at: string;
  windows: Window[];
  rolling: Window;
  budget: { allowed: number; spent: number; remaining: number; remainingRatio: number | null };
  burnRates: Array<{ window: string; rate: number | null }>;
  freeze: { active: boolean };
  alerts: unknown[] | null;
}

const FORMAT: Record<string, (v: number | null) => string> = {
  successRate: formatSuccessRate,
  p95LatencyMs: formatMs,
  avgCostUsd: formatUsd,
  eligible: formatCount,
  cacheHitRate: formatPercent,
};

const raw = (v: number | null) => (v === null ? 'null' : String(v));

async function figure(page: Page, selector: string): Promise<Locator> {
  const el = page.locator(selector);
  await expect(el).toHaveCount(1);
  return el;
}

test('the panel shows the same figures as GET /api/slo, charts the traffic, flips the bypass, and shows the last snapshot offline', async ({ page, context }) => {
  test.setTimeout(60_000); // one router and one worker install for every check: about 20 s, slower on a busy machine
  router = await startRouter();
  await openControlled(page, router.url);

  await travelCall(page, 'setSettings', { cacheFirstForRepeats: true });
  for (let i = 0; i < 5; i++) expect((await ask(page, prompt(`health panel question ${i}`))).status).toBe(200);
  expect((await ask(page, prompt('health panel streamed', { stream: true }))).status).toBe(200);
  await expect.poll(() => storedCount(page)).toBe(6);
  expect((await ask(page, prompt('health panel question 0'))).headers['x-ballast-travel']).toBeDefined(); // a travel cache hit
  const stoppedAt = Date.now();

  await page.getByRole('link', { name: 'Health' }).click(); // #/health, no reload
  await expect(page.getByRole('heading', { name: 'Health', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: 'Refresh' }).click();
  const panel = page.locator('section.health');
  await expect.poll(async () => Date.parse((await panel.getAttribute('data-generated-at')) ?? '') || 0).toBeGreaterThanOrEqual(stoppedAt);
  // No traffic since: GET /api/slo now is the moment the panel shows.
  const api = (await (await page.request.get(`${router.url}/api/slo`)).json()) as SloReport;
  await expect(panel).toHaveAttribute('data-stale', 'false');

  const cells = page.locator('.slo-table td[data-sli]');
  const shown = ['5m', '1h', api.rolling.window];
  await expect(cells).toHaveCount(6 * shown.length); // five figures and the provider-served-only line
  for (const w of shown) {
    const want = api.windows.find((x) => x.window === w) as Window;
    expect(want.eligible).toBe(6);
    for (const sli of ['successRate', 'p95LatencyMs', 'avgCostUsd', 'eligible', 'cacheHitRate'] as const) {
      const cell = await figure(page, `.slo-table td[data-sli="${sli}"][data-window="${w}"]`);
      await expect(cell, `${sli} ${w}`).toHaveAttribute('data-value', raw(want[sli]));
      await expect(cell.locator('.figure'), `${sli} ${w}`).toHaveText(FORMAT[sli]!(want[sli]));
    }
    // 6 requests: no verdict below slo.min_requests (issue #12)
    await expect(page.locator(`.slo-table td[data-sli="successRate"][data-window="${w}"]`)).toContainText('not enough traffic yet (6 of 100)');
  }
  await expect(page.locator('.slo-table caption')).toHaveText(/Service level objectives/);

  const budget = await figure(page, '[data-figure="budget-remaining"]');
  await expect(budget).toHaveAttribute('data-value', String(api.budget.remaining));
  await expect(budget.locator('.figure')).toHaveText(formatCount(api.budget.remaining));
  await expect(await figure(page, '[data-figure="budget-spent"]')).toHaveText(formatCount(api.budget.spent));
  await expect(await figure(page, '[data-figure="budget-allowed"]')).toHaveText(formatCount(api.budget.allowed));
  // 6 requests allow no whole failure: there is no ratio of nothing to show (issue #12), and the panel says why
  if (api.budget.remainingRatio === null) {
    await expect(page.locator('[data-figure="budget-ratio"]')).toHaveCount(0);
    await expect(page.locator('[data-figure="budget-traffic"]')).toContainText('Not enough traffic yet (6 of 100 eligible requests)');
  } else await expect(await figure(page, '[data-figure="budget-ratio"]')).toHaveAttribute('data-value', raw(api.budget.remainingRatio));
  await expect(await figure(page, '[data-figure="freeze"]')).toHaveAttribute('data-value', String(api.freeze.active));
  for (const b of api.burnRates) {
    const cell = await figure(page, `[data-figure="burn-rate"][data-window="${b.window}"]`);
    await expect(cell).toHaveAttribute('data-value', raw(b.rate));
    await expect(cell).toHaveText(formatBurnRate(b.rate));
  }
  if (api.alerts === null) await expect(page.locator('[data-figure="alerts"]')).toHaveAttribute('data-value', 'off');
  else await expect(page.locator('.alerts li')).toHaveCount(api.alerts.length);
  const hour = api.windows.find((x) => x.window === '1h') as Window;
  await expect(page.locator('[data-figure="router-cache-hit-rate"]')).toHaveAttribute('data-value', raw(hour.cacheHitRate));

  const counters = await travelCall<{ hits: number; misses: number }>(page, 'counters');
  expect(counters.hits).toBe(1);
  await expect(page.locator('[data-figure="travel-hit-rate"]')).toHaveAttribute('data-value', String(counters.hits / (counters.hits + counters.misses)));

  // Charts: drawn on a canvas, from the series the router computed for the same traffic.
  const charts = page.locator('section.charts');
  await expect(charts).toHaveAttribute('data-eligible-total', '6');
  for (const id of ['chart-success', 'chart-p95', 'chart-rpm']) {
    const chart = page.locator(`[data-chart="${id}"]`);
    await expect(chart.locator('canvas')).toHaveCount(1);
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(0);
    expect(await chart.locator('canvas').evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(100);
  }
  await expect(page.locator('[data-chart="chart-success"] figcaption')).toContainText('Latest 100.00%');
  await page.getByRole('radio', { name: 'Last 24 hours' }).check();
  await expect(charts).toHaveAttribute('data-range', '24h');
  await expect(charts).toHaveAttribute('data-eligible-total', '6');

  // Providers and the bypass switch, checked against GET /healthz.
  const primary = page.locator('[data-provider="primary"]');
  const secondary = page.locator('[data-provider="secondary"]');
  await expect(primary).toHaveAttribute('data-state', 'healthy');
  await expect(primary).toContainText('emulated');
  await expect(secondary).toContainText('healthy');
  const bypass = page.getByRole('switch', { name: /Bypass/ });
  await expect(bypass).toHaveAttribute('aria-checked', 'false');
  await bypass.focus();
  await page.keyboard.press('Enter');
  await expect(bypass).toHaveAttribute('aria-checked', 'true');
  const on = (await (await page.request.get(`${router.url}/healthz`)).json()) as { bypass: { enabled: boolean }; providers: Record<string, { state: string }> };
  expect(on.bypass.enabled).toBe(true);
  expect(on.providers.secondary?.state).toBe('bypassed');
  await expect(secondary).toContainText('bypassed');
  await bypass.click();
  await expect(bypass).toHaveAttribute('aria-checked', 'false');
  expect(((await (await page.request.get(`${router.url}/healthz`)).json()) as { bypass: { enabled: boolean } }).bypass.enabled).toBe(false);
  await expect(secondary).toHaveAttribute('data-state', 'healthy');

  // Offline: the reloaded app shows the last snapshot (figures, charts, providers) and its age.
  await context.setOffline(true);
  await page.reload();
  await expect(panel).toHaveAttribute('data-stale', 'true');
  const stale = page.locator('.freshness-stale');
  await expect(stale).toContainText(/Last known health, \d+ (s|min) old/);
  await expect(stale).toContainText('You are offline');
  const fiveMin = api.windows.find((w) => w.window === '5m') as Window;
  await expect(page.locator('.slo-table td[data-sli="eligible"][data-window="5m"]')).toHaveAttribute('data-value', '6');
  await expect(page.locator('.slo-table td[data-sli="p95LatencyMs"][data-window="5m"] .figure')).toHaveText(formatMs(fiveMin.p95LatencyMs));
  await expect(budget).toHaveAttribute('data-value', String(api.budget.remaining));
  await expect(charts).toHaveAttribute('data-eligible-total', '6');
  await expect(page.locator('[data-chart="chart-rpm"] canvas')).toHaveCount(1);
  await expect(primary).toHaveAttribute('data-state', 'healthy');
  await expect(bypass).toBeDisabled();
  const age = async () => Number(await stale.getAttribute('data-age-s'));
  const first = await age();
  await expect.poll(age, { timeout: 5_000 }).toBeGreaterThan(first); // it ticks while shown
  await context.setOffline(false);

  // Online, but the router is gone: the same snapshot, saying why.
  await router.kill();
  await page.reload();
  await expect(panel).toHaveAttribute('data-stale', 'true');
  await expect(stale).toContainText('The router cannot be reached');
  await expect(page.locator('.slo-table td[data-sli="eligible"][data-window="5m"]')).toHaveAttribute('data-value', '6');
});
