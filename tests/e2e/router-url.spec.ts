import { expect, test, type Response } from '@playwright/test';
import { openControlled, storedCount, travelCall } from './helpers.js';
import { startRouter, type RouterProcess } from './router-process.js';

// The app from router A, prompts to router B (another origin, which allows A by CORS).
let a: RouterProcess;
let b: RouterProcess;

test.beforeAll(async () => {
  a = await startRouter();
  b = await startRouter([], { BALLAST_CORS_ORIGINS: a.url });
});

test.afterAll(async () => {
  await Promise.all([a?.kill(), b?.kill()]);
});

test('a router on another origin: answers come through CORS with their headers, and the travel cache covers that router offline', async ({ page, context }) => {
  await openControlled(page, `${a.url}/#/settings`);
  await page.getByLabel('Router URL').fill(b.url);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('note')).toContainText(`Using the router at ${b.url}`);
  await expect.poll(() => travelCall(page, 'getRouterOrigin')).toBe(b.url);

  await page.getByRole('link', { name: 'Console' }).click();
  await page.getByLabel('Stream the answer').uncheck();
  await page.getByLabel('Prompt', { exact: true }).fill('Which router answers?');
  const isChat = (r: Response) => r.url() === `${b.url}/v1/chat/completions` && r.request().method() === 'POST';
  let response = page.waitForResponse(isChat);
  await page.getByRole('button', { name: 'Send' }).click();
  const res = await response;
  const card = page.locator('.answers article').last();
  await expect(card).toHaveAttribute('aria-busy', 'false');
  // the exposed headers reach the page: the same fields as on the app's own router
  await expect(card.locator('dd[data-field="request-id"]')).toHaveText(res.headers()['x-ballast-request-id']!);
  await expect(card.locator('dd[data-field="provider"]')).toHaveText(res.headers()['x-ballast-provider']!);
  expect(Number((await card.locator('dd[data-field="cost"]').innerText()).slice(1))).toBe(Number(res.headers()['x-ballast-cost-usd']));
  await expect(page.getByLabel('Model group').locator('option')).toHaveText(['default']);
  await expect.poll(() => storedCount(page)).toBe(1);

  await context.setOffline(true);
  // the same first prompt in a new conversation: the same key, answered from this device
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page.getByLabel('Prompt', { exact: true }).fill('Which router answers?');
  response = page.waitForResponse(isChat);
  await page.getByRole('button', { name: 'Send' }).click();
  expect((await response).headers()['x-ballast-travel']).toBe('offline');
  await expect(page.locator('.answers article').last().locator('[data-badge="offline"]')).toBeVisible();
  await context.setOffline(false);
});
