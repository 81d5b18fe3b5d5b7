import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startRouter, type RouterProcess } from './router-process.js';

let router: RouterProcess | null = null;
test.afterEach(async () => {
  await router?.kill();
  router = null;
});

/** Steady traffic from the test (as ballast load would send): back-to-back requests on two lanes. */
function traffic(url: string) {
  const statuses: number[] = [];
  let running = true;
  const lane = async () => {
    for (let i = 0; running; i++) {
      const res = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ballast-cache': 'no-store' },
        body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: `drill page traffic ${i}` }] }),
      });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
  };
  const lanes = [lane(), lane()];
  return { statuses, stop: async () => ((running = false), await Promise.all(lanes)) };
}

// About 12 s on an idle machine; the headroom is for a loaded CI box, not for waiting.
test.describe.configure({ timeout: 45_000 });

test('a drill from the page: start with three roles, revoke, see the failover, restore, finish, read and download the report', async ({ page }) => {
  router = await startRouter();
  await page.goto(`${router.url}/#/drill`);
  await expect(page.getByRole('heading', { name: 'Start a drill' })).toBeVisible();
  await page.getByLabel('Drill lead').fill('Ada');
  await page.getByLabel('Operator').fill('Otto');
  await page.getByLabel('Scribe', { exact: true }).fill('Sam');
  await page.getByRole('button', { name: 'Start the drill' }).click();

  await expect(page.getByRole('timer')).toContainText(/(30:00|29:\d\d)left of 30:00/);
  const load = traffic(router.url);
  try {
    await page.getByRole('button', { name: /Mark done: Announce/ }).click();
    await expect(page.getByRole('listitem').filter({ hasText: 'Announce the drill' })).toContainText('Ada');
    await expect(page.getByRole('list', { name: 'Traffic split per provider' })).toContainText('primary');

    await page.getByRole('button', { name: "Revoke primary's key", exact: true }).click();
    await expect(page.getByTestId('primary-state')).toContainText('key revoked');
    const timeline = page.locator('.drill-timeline');
    await expect(timeline).toContainText('Key revoked', { timeout: 10_000 });
    await expect(timeline).toContainText('First auth failure', { timeout: 10_000 });
    await expect(timeline).toContainText('Failover detected', { timeout: 10_000 });
    await expect(timeline).toContainText('Cooldown started');
    await expect(page.getByRole('list', { name: 'Traffic split per provider' })).toContainText('secondary');
    await expect(page.getByTestId('p95-after')).toHaveText(/^\d+ ms$/);

    await page.getByRole('button', { name: "Restore primary's key", exact: true }).click();
    await expect(page.getByTestId('primary-state')).toContainText('healthy');
    await expect(timeline).toContainText('Recovered', { timeout: 10_000 });

    await page.getByLabel("Scribe's note (Sam)").fill('The client loop never saw an error.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect(timeline).toContainText('The client loop never saw an error.');
  } finally {
    await load.stop();
  }
  expect(load.statuses.length).toBeGreaterThan(0);
  expect(load.statuses.every((s) => s === 200)).toBe(true);

  await page.getByLabel("Findings (the scribe's, for the report)").fill('Failover took one request; page the on-call on revoke.');
  await page.getByRole('button', { name: 'Finish the drill' }).click();
  const report = page.locator('.drill-report');
  await expect(report.getByRole('heading', { name: 'Failover drill report' })).toBeVisible();
  await expect(report).toContainText('requests failed (eligible)');
  await expect(report).toContainText('held');
  await expect(report).toContainText('page the on-call on revoke');
  await expect(report.getByRole('table').first()).toBeVisible();
  // the page offers a new drill once this one is finished
  await expect(page.getByRole('heading', { name: 'Start a drill' })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), report.getByRole('link', { name: /Download the report/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^ballast-drill_[0-9a-f]+\.md$/);
  const text = readFileSync((await download.path()) as string, 'utf8');
  expect(text).toMatch(/^# Failover drill report/);
  expect(text).toContain('- scribe: Sam');
  expect(text).toContain('Failover detected');
});

test('the drill refuses a silent "verify green" with the key revoked, the report flags it, and restore works after the finish', async ({ page }) => {
  router = await startRouter();
  await page.goto(`${router.url}/#/drill`);
  await page.getByLabel('Drill lead').fill('Ada');
  await page.getByLabel('Operator').fill('Otto');
  await page.getByLabel('Scribe', { exact: true }).fill('Sam');
  await page.getByRole('button', { name: 'Start the drill' }).click();
  await expect(page.locator('[data-step="baseline"]')).toContainText('Live check passes: every provider is healthy');

  // Every accessible name on the page is unique: the step and the switch no longer collide.
  await page.getByRole('button', { name: "Revoke primary's key", exact: true }).click();
  await expect(page.getByTestId('primary-state')).toContainText('key revoked');
  const verify = page.locator('[data-step="verify_green"]');
  await expect(verify).toHaveAttribute('data-met', 'false');
  await expect(verify).toContainText("Not met now: primary's key is revoked");
  await expect(verify.getByRole('button', { name: /^Mark done/ })).toHaveCount(0);
  const anyway = page.getByRole('button', { name: 'Check anyway: Verify everything is green: the primary serves again' });
  await expect(anyway).toBeDisabled();
  await page.getByLabel('Why check "Verify everything is green: the primary serves again" anyway?').fill('Restoring after the debrief, on purpose.');
  await anyway.click();
  await expect(verify).toContainText("Checked with the condition not met (primary's key is revoked). Note: Restoring after the debrief, on purpose.");
  await expect(page.locator('#drill-finish-warning')).toContainText("primary's key is revoked");

  await page.getByRole('button', { name: 'Finish the drill' }).click();
  const report = page.locator('.drill-report');
  await expect(report).toContainText("Not back to normal at the finish: primary's key is revoked");
  await expect(report).toContainText('overridden');

  // After the drill: the restore control is still here, and it works.
  await expect(page.getByRole('heading', { name: 'Start a drill' })).toBeVisible();
  await expect(page.getByText(/primary still has its key revoked/)).toBeVisible();
  await page.getByRole('button', { name: "Restore primary's key", exact: true }).click();
  await expect(page.getByTestId('primary-state')).toContainText('healthy');
  const healthz = (await (await fetch(`${router.url}/healthz`)).json()) as { providers: Record<string, { state: string }> };
  expect(healthz.providers.primary?.state).toBe('healthy');
  const names = await page.getByRole('button').evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim()));
  expect(new Set(names).size).toBe(names.length);
});

test('with the router gone, the Drill page says the drill needs it and disables its actions', async ({ page }) => {
  router = await startRouter();
  await page.goto(`${router.url}/#/drill`);
  await expect(page.getByRole('button', { name: 'Start the drill' })).toBeEnabled();
  await router.kill();
  await expect(page.getByRole('alert').filter({ hasText: 'The drill needs the router.' })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole('button', { name: 'Start the drill' })).toBeDisabled();
  await expect(page.getByLabel('Drill lead')).toBeDisabled();
  await expect(page.getByText('Network error')).toHaveCount(0);
});
