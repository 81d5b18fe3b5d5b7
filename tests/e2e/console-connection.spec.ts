import { expect, test, type Page } from '@playwright/test';
import { openControlled, storedCount, travelCall } from './helpers.js';
import { emulatorControl, startRouter, type RouterProcess } from './router-process.js';

// Honest connection states: each test kills or stalls its own router.
let router: RouterProcess;

test.beforeEach(async () => {
  router = await startRouter();
});

test.afterEach(async () => {
  await router?.kill();
});

const newest = (page: Page) => page.locator('.answers article').last();

async function ask(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page.getByLabel('Prompt', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

test('the router killed while online: a cut stream says so and keeps its text, a new prompt says "router unreachable", never "offline"; Settings tests the URL before saving', async ({ page }) => {
  test.setTimeout(60_000);
  await openControlled(page, `${router.url}/#/console`);
  for (const p of ['primary', 'secondary']) await emulatorControl(router, 'PATCH', `/providers/${p}/settings`, { tokens_per_second: 4 });
  await ask(page, 'Tell me a long story about a lighthouse');
  await expect(newest(page).locator('.answer-text')).toContainText('Emulated answer from');
  await router.kill();

  const cut = newest(page);
  await expect(cut).toHaveAttribute('data-state', 'failed', { timeout: 15_000 });
  await expect(cut.getByRole('alert')).toHaveAttribute('data-failure', 'stream-cut');
  await expect(cut.getByRole('alert')).toContainText('Stream cut');
  await expect(cut.locator('.answer-text')).toContainText('Emulated answer from'); // what arrived is kept
  await expect(cut.getByRole('button', { name: 'Retry' })).toBeVisible();

  await ask(page, 'Is anyone there?');
  const unreachable = newest(page);
  await expect(unreachable).toHaveAttribute('data-state', 'queued', { timeout: 15_000 });
  await expect(unreachable.getByRole('alert')).toHaveAttribute('data-failure', 'router-unreachable');
  await expect(unreachable.getByRole('alert')).toContainText('router unreachable');
  await expect(page.getByRole('status').filter({ hasText: 'online: router unreachable' })).toBeVisible();
  await expect(page.locator('.connection-banner')).toContainText('Router unreachable');
  await expect(page.locator('main')).not.toContainText('offline');
  await unreachable.getByRole('button', { name: 'Cancel' }).click();
  await expect(unreachable).toHaveAttribute('data-state', 'failed');
  await expect(unreachable.getByRole('button', { name: 'Retry' })).toBeVisible();

  // a typo in the router URL is caught by GET /healthz before it is saved
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Router URL').fill('http://127.0.0.1:9');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('Nothing answered at http://127.0.0.1:9')).toBeVisible();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Not saved: Save again to keep it anyway.')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('ballast:settings'))).toBeNull();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved in this browser, without a working connection to that router.')).toBeVisible();
});

test('a slow link: a countdown while no headers arrive, then the saved answer, marked as answered from this device because the link was slow', async ({ page }) => {
  await openControlled(page, `${router.url}/#/console`);
  await page.getByLabel('Stream the answer').uncheck();
  await ask(page, 'Ferry times to Cacilhas');
  await expect(newest(page)).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  await expect.poll(() => storedCount(page)).toBe(1);
  await travelCall(page, 'setSettings', { networkTimeoutMs: 2500 });
  await page.reload(); // the console reads the timeout it counts down from
  for (const p of ['primary', 'secondary']) await emulatorControl(router, 'PUT', `/providers/${p}/fault`, { kind: 'stall_headers', ms: 10_000 });

  await ask(page, 'Ferry times to Cacilhas');
  const card = newest(page);
  await expect(card.locator('[data-countdown]')).toContainText(/answers from a saved copy \(if it has one\) in [1-3] s/);
  await expect(card).toHaveAttribute('data-state', 'done', { timeout: 10_000 });
  await expect(card.locator('[data-badge="offline"]')).toBeVisible();
  await expect(card.locator('[data-source="device"]')).toContainText(/Slow link: the router sent nothing for 2\.\d s/);
  await expect(page.getByRole('status').filter({ hasText: 'online: slow link' })).toBeVisible();
  await expect(page.locator('.connection-banner')).toContainText('Slow link');
});
