import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page, type Response } from '@playwright/test';
import { isChat, openControlled, storedCount, travelCall } from './helpers.js';
import { startRouter, type RouterProcess } from './router-process.js';

// One router for the file; each test gets a fresh browser context (its own worker and cache).
let router: RouterProcess;

test.beforeAll(async () => {
  router = await startRouter();
});

test.afterAll(async () => {
  await router?.kill();
});

/** Sends `text` as the first prompt of a new conversation (so the travel cache keys on it alone). */
async function sendFromForm(page: Page, text: string): Promise<{ response: Response; card: Locator }> {
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page.getByLabel('Prompt', { exact: true }).fill(text);
  const response = page.waitForResponse(isChat);
  await page.getByRole('button', { name: 'Send' }).click();
  const res = await response;
  const card = page.locator('.answers article').last();
  await expect(card).toHaveAttribute('aria-busy', 'false', { timeout: 15_000 });
  return { response: res, card };
}

const badges = (card: Locator) => card.locator('[data-badge]').evaluateAll((els) => els.map((e) => e.getAttribute('data-badge')));
const stat = (page: Page, name: string) => page.locator(`dd[data-stat="${name}"]`);
const field = (scope: Locator | Page, name: string) => scope.locator(`dd[data-field="${name}"]`);

/**
 * Writes `n` synthetic answers straight into the worker's database (as the sw-lookup bench
 * does): pages of the list without n round trips to the router.
 */
async function seed(page: Page, n: number): Promise<void> {
  await travelCall(page, 'counters'); // the worker opens (and creates) its database
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('ballast-travel');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['entries', 'meta'], 'readwrite');
          let bytes = 0;
          for (let i = 0; i < n; i++) {
            const completion = { id: `c${i}`, object: 'chat.completion', created: 1, model: 'emulated-gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: `Seeded answer ${i}` }, finish_reason: 'stop' }] };
            const size = JSON.stringify(completion).length;
            bytes += size;
            const summary = { group: 'default', feature: i % 5 === 0 ? 'billing' : null, promptVersion: null, lastUser: `seeded prompt ${String(i).padStart(2, '0')}` };
            tx.objectStore('entries').put({ key: `seed-${i}`, summary, completion, provider: 'primary', model: 'emulated-gpt-4o-mini', costUsd: 0.0001, createdAt: 1_700_000_000_000 + i * 1000, lastHitAt: 1_700_000_000_000 + i * 1000, hits: 0, bytes: size });
          }
          tx.objectStore('meta').put({ id: 'totals', value: { count: n, bytes } });
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    n,
  );
}

test('the travel page pages, searches, opens, exports, deletes and clears; counters and storage are shown', async ({ page }) => {
  await openControlled(page, `${router.url}/#/travel`);
  await seed(page, 25);
  await page.reload();
  await expect(stat(page, 'stored')).toHaveText('25');
  const items = page.locator('.entries .entry-link');
  // newest first, 20 a page
  await expect(page.getByRole('status').filter({ hasText: 'of 25' })).toHaveText('1–20 of 25');
  await expect(items).toHaveCount(20);
  await expect(items.first()).toHaveText('seeded prompt 24');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(items).toHaveText(['seeded prompt 04', 'seeded prompt 03', 'seeded prompt 02', 'seeded prompt 01', 'seeded prompt 00']);
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(items.first()).toHaveText('seeded prompt 24');

  await page.getByLabel('Search').fill('billing');
  await expect(items).toHaveText(['seeded prompt 20', 'seeded prompt 15', 'seeded prompt 10', 'seeded prompt 05', 'seeded prompt 00']);
  await expect(page.getByText('1–5 of 5 matching “billing”')).toBeVisible();

  await items.filter({ hasText: 'seeded prompt 15' }).click();
  await expect(page).toHaveURL(/#\/travel\/seed-15$/);
  const detail = page.locator('.entry-detail');
  await expect(detail.getByRole('heading', { name: 'seeded prompt 15' })).toBeFocused();
  await expect(detail.getByLabel('Answer')).toHaveText('Seeded answer 15');
  await expect(field(detail, 'provider')).toHaveText('primary');
  await expect(field(detail, 'model')).toHaveText('emulated-gpt-4o-mini');
  await expect(field(detail, 'cost')).toHaveText('$0.0001');
  await expect(field(detail, 'feature')).toHaveText('billing');
  await expect(field(detail, 'group')).toHaveText('default');
  await expect(field(detail, 'hits')).toHaveText('0');
  await expect(field(detail, 'last-hit')).toHaveText('never');
  await detail.getByRole('button', { name: 'Delete this answer' }).click();
  await expect(page).toHaveURL(/#\/travel$/);
  await expect(stat(page, 'stored')).toHaveText('24');
  expect(await travelCall(page, 'get', 'seed-15')).toBeNull();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all (JSON)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^ballast-travel-cache-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync((await file.path())!, 'utf8')) as { version: number; entries: Array<{ key: string; completion: unknown }> };
  expect(exported.version).toBe(1);
  expect(exported.entries).toHaveLength(24);
  expect(exported.entries.map((e) => e.key)).not.toContain('seed-15');

  // storage: the estimate, and persistence as the browser reports it
  await expect(stat(page, 'storage')).toHaveText(/ of /);
  const persistButton = page.getByRole('button', { name: 'Ask to keep storage' });
  if (await persistButton.isVisible()) await persistButton.click();
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  await expect(stat(page, 'persisted')).toHaveText(persisted ? 'yes' : 'no');

  await page.getByRole('button', { name: 'Clear all…' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(stat(page, 'stored')).toHaveText('24');
  await page.getByRole('button', { name: 'Clear all…' }).click();
  await page.getByRole('button', { name: 'Yes, clear all' }).click();
  await expect(stat(page, 'stored')).toHaveText('0');
  await expect(page.getByText('Nothing stored yet')).toBeVisible();
  expect(await storedCount(page)).toBe(0);
});

test('offline: the app reloads, the travel page lists and opens the answers, the console answers a stored prompt with the offline badge', async ({ page, context }) => {
  await openControlled(page, `${router.url}/#/console`);
  await page.getByText('Advanced').click();
  await page.getByLabel('Feature tag').fill('trip');
  await page.getByLabel('Prompt version').fill('v1');
  const packing = await sendFromForm(page, 'Packing list for Lisbon');
  const packingText = await packing.card.locator('.answer-text').innerText();
  const packingProvider = packing.response.headers()['x-ballast-provider'];
  await page.getByLabel('Stream the answer').uncheck();
  await sendFromForm(page, 'Currency in Portugal');
  await expect.poll(() => storedCount(page)).toBe(2);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'ballast', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'offline' }).first()).toBeVisible();
  await page.getByRole('link', { name: 'Travel cache' }).click();
  const items = page.locator('.entries .entry-link');
  await expect(items).toHaveText(['Currency in Portugal', 'Packing list for Lisbon']);
  await items.filter({ hasText: 'Packing list' }).click();
  const detail = page.locator('.entry-detail');
  await expect(detail.getByLabel('Answer')).toHaveText(packingText);
  await expect(field(detail, 'provider')).toHaveText(packingProvider!);
  await expect(field(detail, 'feature')).toHaveText('trip');
  await expect(field(detail, 'prompt-version')).toHaveText('v1');

  // the console kept its choices (feature, version) and answers the stored prompt offline
  await page.getByRole('link', { name: 'Console' }).click();
  await page.getByText('Advanced').click();
  await expect(page.getByLabel('Feature tag')).toHaveValue('trip');
  await expect(page.getByLabel('Model group')).toHaveValue('default');
  const again = await sendFromForm(page, 'Packing list for Lisbon');
  expect(again.response.headers()).toMatchObject({ 'x-ballast-travel': 'offline', 'x-ballast-cache': 'hit' });
  expect(await badges(again.card)).toEqual(['cached', 'offline']);
  await expect(again.card.locator('.answer-text')).toHaveText(packingText);
  await expect(field(again.card, 'provider')).toHaveText(packingProvider!);
  // a prompt this device never saw: the worker's offline error, said plainly
  const unseen = await sendFromForm(page, 'Something new');
  await expect(unseen.card.getByRole('alert')).toContainText('You are offline');

  await page.getByRole('link', { name: 'Travel cache' }).click();
  await expect(stat(page, 'offline-answers')).toHaveText('1');
  await expect(stat(page, 'hit-rate')).toHaveText('25.0%'); // 1 hit; 2 misses online, 1 offline
  await context.setOffline(false);
});

test('settings persist across a reload, keys stay off the page, and the cache policy reaches the worker', async ({ page }) => {
  const key = 'sk-ballast-e2e-secret-7f3a';
  const admin = 'adm-e2e-secret-91bc';
  await openControlled(page, `${router.url}/#/settings`);
  await expect(page.getByText('Kept in this browser only')).toBeVisible();
  await expect(page.getByText('must allow this one')).toContainText(`add ${router.url} to its server.cors_origins`);
  await expect(page.getByLabel('Ballast key')).toHaveAttribute('type', 'password');
  await expect(page.getByLabel('Admin token')).toHaveAttribute('type', 'password');

  await page.getByLabel('Router URL').fill('ftp://elsewhere');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Router URL must start with http:// or https://.')).toBeVisible();
  await page.getByLabel('Router URL').fill('');
  await page.getByLabel('Ballast key').fill(key);
  await page.getByLabel('Admin token').fill(admin);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved in this browser.')).toBeVisible();

  // the worker validates the timeout and the page shows its message
  await expect(page.getByLabel('Network timeout (ms)')).toHaveValue('8000');
  await page.getByLabel('Network timeout (ms)').fill('50');
  await page.getByRole('button', { name: 'Save travel settings' }).click();
  await expect(page.getByRole('alert')).toContainText('networkTimeoutMs must be a whole number of milliseconds from 100 to 120000');
  await page.getByLabel('Network timeout (ms)').fill('3000');
  await page.getByLabel('Answer repeated prompts from this device first').check();
  await page.getByRole('button', { name: 'Save travel settings' }).click();
  await expect(page.getByText('Saved in the service worker.')).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Ballast key')).toHaveValue(key);
  await expect(page.getByLabel('Admin token')).toHaveValue(admin);
  await expect(page.getByLabel('Network timeout (ms)')).toHaveValue('3000');
  await expect(page.getByLabel('Answer repeated prompts from this device first')).toBeChecked();
  expect(await travelCall(page, 'getSettings')).toEqual({ networkTimeoutMs: 3000, cacheFirstForRepeats: true });

  // the key goes to the router on /v1 calls; the policy answers the repeat from this device
  await page.getByRole('link', { name: 'Console' }).click();
  await page.getByLabel('Stream the answer').uncheck();
  const first = await sendFromForm(page, 'Ask me twice');
  expect(first.response.request().headers()['authorization']).toBe(`Bearer ${key}`);
  expect(first.response.headers()['x-ballast-travel']).toBeUndefined();
  await expect.poll(() => storedCount(page)).toBe(1);
  const repeat = await sendFromForm(page, 'Ask me twice');
  expect(repeat.response.headers()['x-ballast-travel']).toBe('repeat');
  expect(await badges(repeat.card)).toEqual(['cached']);

  // the secrets are in localStorage (by design) and nowhere a person or a file would see them
  for (const p of ['#/console', '#/travel', '#/settings']) {
    await page.evaluate((h) => (location.hash = h), p);
    await expect(page.locator('main h2')).toBeVisible();
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(key);
    expect(text).not.toContain(admin);
  }
  const exported = JSON.stringify(await travelCall(page, 'export'));
  expect(exported).not.toContain(key);
  expect(exported).not.toContain(admin);
});
