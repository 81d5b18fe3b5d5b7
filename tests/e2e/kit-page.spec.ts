import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openControlled } from './helpers.js';
import { startRouter, type RouterProcess } from './router-process.js';

let router: RouterProcess | null = null;

test.afterEach(async () => {
  await router?.kill();
  router = null;
});

test('the Kit page lists six documents, shows the one-pager with the measured figures, and its downloads work', async ({ page }) => {
  router = await startRouter();
  for (let i = 0; i < 6; i++) {
    const res = await fetch(`${router.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: `kit page ${i}` }] }),
    });
    expect(res.status).toBe(200);
  }
  const slo = (await (await fetch(`${router.url}/api/slo`)).json()) as { rolling: { eligible: number; successRate: number } };
  expect(slo.rolling.eligible).toBe(6);

  await page.goto(`${router.url}/#/kit`);
  const docs = page.getByRole('navigation', { name: 'Kit documents' }).getByRole('link');
  await expect(docs).toHaveText(['SLO one-pager', 'Budget guardrail sheet', 'Router config', 'Cache recipe', '30-minute drill SOP', 'Client-safe proposal language']);

  const doc = page.getByRole('article', { name: 'SLO one-pager' });
  await expect(doc.getByRole('heading', { name: 'SLO one-pager', level: 1 })).toBeVisible();
  const successRow = doc.getByRole('row').filter({ hasText: 'Success rate' }).first();
  await expect(successRow).toContainText('100.0%');
  await expect(successRow).toContainText('6 eligible requests');
  await expect(successRow).toContainText('rolling 30 days');
  await expect(doc).toContainText('not legal advice');
  await expect(page.getByRole('list', { name: 'Measured figures' })).toContainText('6 eligible requests');

  const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download .md' }).click()]);
  expect(md.suggestedFilename()).toBe('slo-one-pager.md');
  const mdText = readFileSync((await md.path()) as string, 'utf8');
  expect(mdText).toMatch(/^# SLO one-pager/);
  expect(mdText).toContain('| Success rate | ≥ 99.5% | 100.0% | met | rolling 30 days | 6 eligible requests |');
  const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download .html' }).click()]);
  expect(html.suggestedFilename()).toBe('slo-one-pager.html');
  expect(readFileSync((await html.path()) as string, 'utf8')).toMatch(/<!doctype html>[\s\S]*@media print[\s\S]*SLO one-pager/);

  // Another document, by its link; Print opens the browser's print (stubbed: no dialog in a test).
  await docs.filter({ hasText: 'Router config' }).click();
  await expect(page).toHaveURL(/#\/kit\/router-config$/);
  await expect(page.getByRole('article', { name: 'Router config' })).toContainText('api_key_env: BALLAST_EMULATOR_KEY_PRIMARY');
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
  await page.getByRole('button', { name: 'Print' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Kit documents' })).toBeHidden();
  await expect(page.getByRole('article', { name: 'Router config' })).toBeVisible();
});

test('offline, the Kit page still shows the documents last read, with their generated-at time', async ({ page, context }) => {
  router = await startRouter();
  await openControlled(page, router.url);
  await page.goto(`${router.url}/#/kit`);
  const doc = page.getByRole('article', { name: 'SLO one-pager' });
  await expect(doc).toContainText('not legal advice');
  const generated = (await doc.getByText(/Generated \d{4}-/).first().textContent()) ?? '';
  expect(generated).not.toBe('');

  await context.setOffline(true);
  await page.reload();
  await expect(doc).toContainText('not legal advice');
  await expect(doc).toContainText(generated.trim());
  await expect(page.getByRole('navigation', { name: 'Kit documents' }).getByRole('link')).toHaveCount(6);
});
