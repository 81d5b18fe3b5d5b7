/**
 * Issue #19, layout and first run: a skip link reaches the page in one Tab, a short
 * intro says what ballast is and whether the providers are emulated (dismissed once),
 * and no page scrolls sideways at 420 px.
 */
import { expect, test } from '@playwright/test';
import { startRouter, type RouterProcess } from './router-process.js';

let router: RouterProcess | null = null;

test.afterEach(async () => {
  await router?.kill();
  router = null;
});

test('the first Tab reaches "Skip to content", which moves focus to the page without changing the route', async ({ page }) => {
  router = await startRouter();
  await page.goto(`${router.url}/#/health`);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  await expect(page).toHaveURL(/#\/health$/);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});

test('a first-run intro says what ballast is and that the providers are emulated, and stays dismissed', async ({ page }) => {
  router = await startRouter();
  await page.goto(`${router.url}/#/console`);
  const intro = page.getByRole('region', { name: 'Welcome to ballast' });
  await expect(intro).toContainText('LLM router');
  await expect(intro.getByTestId('intro-providers')).toContainText('The providers are emulated');
  await expect(intro).toContainText('docs/pwa.md');
  await intro.getByRole('button', { name: 'Got it, hide this' }).click();
  await expect(intro).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Console' }).or(page.locator('main h2').first())).toBeVisible();
  await expect(page.getByRole('region', { name: 'Welcome to ballast' })).toHaveCount(0);
});

test('no page scrolls sideways at 420 px', async ({ page }) => {
  router = await startRouter();
  // Figures, a running drill and a kit with tables on screen, not empty states.
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${router.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: `narrow ${i}` }] }) });
    await res.arrayBuffer();
  }
  expect((await fetch(`${router.url}/admin/drills`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lead: 'Ada', operator: 'Otto', scribe: 'Sam' }) })).status).toBe(201);
  await page.setViewportSize({ width: 420, height: 800 });
  for (const id of ['console', 'travel', 'health', 'drill', 'kit', 'kit/router-config', 'settings']) {
    await page.goto(`${router.url}/#/${id}`);
    await page.waitForSelector('#page-h');
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => {
      const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && getComputedStyle(e).position !== 'absolute');
      return { by: document.documentElement.scrollWidth - document.documentElement.clientWidth, first: wide.slice(0, 3).map((e) => `${e.tagName}.${e.className}`) };
    });
    expect(overflow.by, `${id}: ${overflow.first.join(', ')}`).toBeLessThanOrEqual(0);
  }
});
