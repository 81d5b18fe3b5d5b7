/**
 * Issue #19: what the health panel shows is true when shown, and says how old it is
 * when it is not live: a revoked key has its own label, provider states and alerts are
 * marked stale with their age when the router is gone, the alerts say when they were
 * read, and the worker keeps /healthz from any page's poll for the offline panel.
 */
import { expect, test } from '@playwright/test';
import { openControlled } from './helpers.js';
import { startRouter, type RouterProcess } from './router-process.js';

let router: RouterProcess | null = null;

test.afterEach(async () => {
  await router?.kill();
  router = null;
});

const admin = (r: RouterProcess, path: string) => fetch(`${r.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ by: 'e2e' }) });

test('a revoked key reads "key revoked", never an empty badge, and healthy again after the restore', async ({ page }) => {
  router = await startRouter();
  await page.goto(`${router.url}/#/health`);
  const primary = page.locator('[data-provider="primary"]');
  await expect(primary).toHaveAttribute('data-state', 'healthy');
  expect((await admin(router, '/admin/providers/primary/revoke')).status).toBe(200);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(primary).toHaveAttribute('data-state', 'revoked');
  await expect(primary.locator('.provider-state')).toHaveText(/key revoked/);
  await expect(primary).toContainText(/since .*restore it on the Drill page/);
  expect((await admin(router, '/admin/providers/primary/restore')).status).toBe(200);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(primary).toHaveAttribute('data-state', 'healthy');
  await expect(primary.locator('.provider-state')).toHaveText(/healthy/);
});

test('with the router killed, provider states and alerts are marked stale with their age; the alerts say when they were read', async ({ page }) => {
  router = await startRouter();
  await page.goto(`${router.url}/#/health`);
  const primary = page.locator('[data-provider="primary"]');
  await expect(primary).toHaveAttribute('data-stale', 'false');
  const evaluated = page.locator('[data-figure="alerts-evaluated-at"]');
  // The alert loop runs every 15 s: the first reading shows when it lands.
  await expect(evaluated).toContainText(/Evaluated \d+ s ago .*every 15 s; next (in \d+ s|any moment)/, { timeout: 20_000 });

  await router.kill();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(primary).toHaveAttribute('data-stale', 'true');
  await expect(primary.locator('.provider-state')).toContainText('healthy, last known');
  const note = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Providers' }) }).locator('.stale-note');
  await expect(note).toContainText(/Stale: as of \d+ s ago\. The router cannot be reached/);
  const first = Number(await note.getAttribute('data-stale-age-s'));
  await expect.poll(async () => Number(await note.getAttribute('data-stale-age-s')), { timeout: 5_000 }).toBeGreaterThan(first);
  await expect(evaluated).toContainText(/Stale: Evaluated \d+ s ago.*the router cannot be reached/);
  await expect(page.locator('.alerts .badge').first()).toContainText('last known');
});

test('the Health page opened offline for the first time shows the providers the worker kept from another page\'s poll', async ({ page, context }) => {
  router = await startRouter();
  await openControlled(page, `${router.url}/#/console`);
  // The console never reads /healthz; the freeze banner's /api/slo poll makes the worker keep it.
  await page.reload();
  await page.waitForResponse((r) => r.url().endsWith('/api/slo') && r.ok());
  const saved = () =>
    page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open('ballast-travel');
          open.onsuccess = () => {
            const get = open.result.transaction('meta').objectStore('meta').get('slo:/healthz');
            get.onsuccess = () => resolve(get.result !== undefined);
            get.onerror = () => resolve(false);
          };
          open.onerror = () => resolve(false);
        }),
    );
  await expect.poll(saved, { timeout: 10_000 }).toBe(true);
  await context.setOffline(true);
  await page.goto(`${router.url}/#/health`);
  const primary = page.locator('[data-provider="primary"]');
  await expect(primary).toHaveAttribute('data-stale', 'true');
  await expect(primary.locator('.provider-state')).toContainText('last known');
});

test('with a fresh ledger the rolling window says how much of it is measured, not "30 days"', async ({ page }) => {
  router = await startRouter();
  const res = await fetch(`${router.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'fresh ledger' }] }) });
  await res.arrayBuffer();
  const slo = (await (await fetch(`${router.url}/api/slo`)).json()) as { measured: { full: boolean; since: string | null } };
  expect(slo.measured.full).toBe(false);
  expect(slo.measured.since).not.toBeNull();
  await page.goto(`${router.url}/#/health`);
  await expect(page.locator('.slo-table thead')).toContainText(/30 d \(rolling SLO window: \d+ minutes? measured so far\)/);
  await expect(page.getByRole('heading', { name: /Error budget \(30 d rolling, \d+ minutes? measured so far\)/ })).toBeVisible();
});
