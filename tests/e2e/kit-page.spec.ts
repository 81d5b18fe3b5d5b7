import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { openControlled } from './helpers.js';
import { startRouter, type RouterProcess } from './router-process.js';

let router: RouterProcess | null = null;
const BIN = fileURLToPath(new URL('../../bin/ballast.js', import.meta.url));

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
  // Issue #19: a fresh ledger is minutes of evidence, not "rolling 30 days".
  await expect(successRow).toContainText(/the \d+ minutes? measured so far \(of a rolling 30-day window\)/);
  await expect(successRow).not.toContainText(/^rolling 30 days$/);
  await expect(doc).toContainText('not legal advice');
  await expect(page.getByRole('list', { name: 'Measured figures' })).toContainText('6 eligible requests');

  const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download .md' }).click()]);
  expect(md.suggestedFilename()).toBe('slo-one-pager.md');
  const mdText = readFileSync((await md.path()) as string, 'utf8');
  expect(mdText).toMatch(/^# SLO one-pager/);
  // 6 requests: the figure, but no verdict below slo.min_requests, and what it was measured over (issue #12)
  expect(mdText).toMatch(/\| Success rate \| ≥ 99\.5% \| 100\.0% \| not enough traffic yet \(6 of 100 eligible requests\) \| the \d+ minutes? measured so far \(of a rolling 30-day window\) \| 6 eligible requests \(6 sent; none excluded\) \|/);
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

test('with no notifier the proposal makes no paging claim; its placeholders are listed, and an edit downloads with the edit', async ({ page }) => {
  router = await startRouter();
  await page.goto(`${router.url}/#/kit/proposal-language`);
  const doc = page.getByRole('article', { name: 'Client-safe proposal language' });
  await expect(doc).toContainText('How we keep them');
  await expect(doc).not.toContainText('are paged');
  await expect(doc).toContainText('checked against target every 15 seconds');
  await expect(doc).toContainText('No requests have been measured yet');

  const todo = page.getByRole('region', { name: /Fill in before sending: 1 placeholder/ });
  await expect(todo).toContainText('no notifier is configured');
  await expect(doc.locator('mark.placeholder')).toHaveCount(1);

  await page.getByRole('button', { name: 'Edit' }).click();
  const editor = page.getByRole('textbox', { name: /Client-safe proposal language \(Markdown/ });
  const text = await editor.inputValue();
  const filled = text.replace(/ ?\[\[operator: [^\]]+\]\]/, ' Our on-call engineer reviews the Health page every morning.');
  await editor.fill(filled);
  await expect(page.getByRole('region', { name: 'No placeholders left in this document' })).toBeVisible();
  await expect(doc).toContainText('reviews the Health page every morning');
  await expect(doc.locator('mark.placeholder')).toHaveCount(0);

  // Kept in this browser: a reload shows the edit.
  await page.reload();
  await expect(page.getByRole('article', { name: 'Client-safe proposal language' })).toContainText('reviews the Health page every morning');
  await expect(page.getByRole('status').filter({ hasText: 'Edited in this browser' })).toBeVisible();

  const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download .md' }).click()]);
  const mdText = readFileSync((await md.path()) as string, 'utf8');
  expect(mdText).toContain('reviews the Health page every morning');
  expect(mdText).not.toContain('[[');
  const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download .html' }).click()]);
  const htmlText = readFileSync((await html.path()) as string, 'utf8');
  expect(htmlText).toMatch(/<!doctype html>[\s\S]*@media print[\s\S]*reviews the Health page every morning/);

  await page.getByRole('button', { name: 'Discard my edit' }).click();
  await expect(page.getByRole('article', { name: 'Client-safe proposal language' })).not.toContainText('every morning');
  await expect(page.getByRole('article', { name: 'Client-safe proposal language' }).locator('mark.placeholder')).toHaveCount(1);
});

test('the Kit page fits a 420 px window: no horizontal scroll on any document', async ({ page }) => {
  router = await startRouter();
  await page.setViewportSize({ width: 420, height: 800 });
  for (const id of ['slo-one-pager', 'budget-guardrails', 'router-config', 'cache-recipe', 'drill-sop', 'proposal-language']) {
    await page.goto(`${router.url}/#/kit/${id}`);
    await expect(page.locator('article.kit-doc h1')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, id).toBeLessThanOrEqual(0);
  }
});

test('with a webhook notifier configured, the proposal says who is paged and leaves no operator placeholder', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-kit-hook-'));
  const emulator = spawn(process.execPath, [BIN, 'emulator', '--control-port', '0', '--provider', 'primary:0', '--provider', 'secondary:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    const urls = await new Promise<Record<string, string>>((resolve, reject) => {
      emulator.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const found = Object.fromEntries([...out.matchAll(/emulated provider (\w+): (http:\/\/127\.0\.0\.1:\d+)/g)].map((m) => [m[1], m[2]]));
        if (found.primary && found.secondary && /control API/.test(out)) resolve(found as Record<string, string>);
      });
      emulator.once('exit', (code) => reject(new Error(`the emulator exited (${code})`)));
    });
    const config = join(dir, 'ballast.yaml');
    writeFileSync(
      config,
      `providers:
  primary: { kind: openai, base_url: ${urls.primary}/v1, api_key_env: E2E_PRIMARY_KEY, emulated: true }
  secondary: { kind: anthropic, base_url: ${urls.secondary}, api_key_env: E2E_SECONDARY_KEY, emulated: true }
groups:
  default:
    deployments:
      - { provider: primary, model: gpt-4o-mini, weight: 9 }
      - { provider: secondary, model: claude-haiku-4-5, weight: 1 }
alerting:
  notifiers:
    hook: { kind: webhook, url: http://127.0.0.1:9/ballast-alerts }
`,
    );
    router = await startRouter(['--config', config], { E2E_PRIMARY_KEY: 'e2e-key-primary', E2E_SECONDARY_KEY: 'e2e-key-secondary' });
    await page.goto(`${router.url}/#/kit/proposal-language`);
    const doc = page.getByRole('article', { name: 'Client-safe proposal language' });
    await expect(doc).toContainText('We are paged (webhook) when latency, success rate or cost drift from target.');
    await expect(page.getByRole('region', { name: 'No placeholders left in this document' })).toBeVisible();
    await page.getByRole('link', { name: 'Budget guardrail sheet' }).click();
    await expect(page.getByRole('article', { name: 'Budget guardrail sheet' })).toContainText('page hook (webhook)');
  } finally {
    emulator.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
