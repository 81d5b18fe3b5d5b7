import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config.js';
import { openControlled } from './helpers.js';
import { emulatorControl, startRouter, type RouterProcess } from './router-process.js';

// Conversations in the console against the real router and its emulated providers.
let router: RouterProcess;

test.beforeAll(async () => {
  router = await startRouter();
});

test.afterAll(async () => {
  await router?.kill();
});

const cards = (page: Page) => page.locator('.answers article');
const newest = (page: Page) => cards(page).last();

/** Sends a prompt in the current conversation and waits until its card has settled (answered, failed or queued). */
async function send(page: Page, text: string): Promise<Locator> {
  const before = await cards(page).count();
  await page.getByLabel('Prompt', { exact: true }).fill(text);
  await page.getByRole('button', { name: /^(Send|Resend)$/ }).click();
  await expect(cards(page)).toHaveCount(before + 1);
  const card = newest(page);
  await expect(card).toHaveAttribute('aria-busy', 'false', { timeout: 15_000 });
  return card;
}

async function newConversation(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New conversation' }).click();
  await expect(page.locator('.empty-thread')).toBeVisible();
}

/** Each recorded chat request's messages as [role, text] pairs, whichever provider (OpenAI or Anthropic shape) took it. */
async function recordedConversations(): Promise<Array<Array<[string, string]>>> {
  const out: Array<Array<[string, string]>> = [];
  for (const p of ['primary', 'secondary']) {
    const { requests } = (await emulatorControl(router, 'GET', `/providers/${p}/requests`)) as { requests: Array<{ body: unknown }> };
    for (const r of requests) {
      const body = r.body as { messages?: Array<{ role: string; content: unknown }>; system?: unknown } | null;
      if (!body?.messages) continue;
      const text = (c: unknown): string => (typeof c === 'string' ? c : Array.isArray(c) ? c.map((b: { text?: string }) => b.text ?? '').join('') : '');
      out.push(body.messages.filter((m) => m.role !== 'system').map((m) => [m.role, text(m.content).trim()]));
    }
  }
  return out;
}

test('a three-turn thread carries the earlier messages each turn, and survives a reload and a browser restart', async () => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'ballast-profile-'));
  const launch = () => chromium.launchPersistentContext(dir, { executablePath: process.env.BALLAST_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, serviceWorkers: 'allow' });
  let ctx: BrowserContext = await launch();
  try {
    let page = ctx.pages()[0] ?? (await ctx.newPage());
    await openControlled(page, `${router.url}/#/console`);
    await emulatorControl(router, 'POST', '/reset');
    const prompts = ['Draft a two-line note to the landlord about the boiler', 'Now make it more formal', 'Sign it from Ada'];
    const answers: string[] = [];
    for (const p of prompts) {
      const card = await send(page, p);
      await expect(card).toHaveAttribute('data-state', 'done');
      answers.push((await card.locator('.answer-text').innerText()).trim());
    }
    // the emulator's record: turn n carried every earlier prompt and answer, in order
    const recorded = await recordedConversations();
    for (let n = 0; n < 3; n++) {
      const expected: Array<[string, string]> = [];
      for (let i = 0; i < n; i++) expected.push(['user', prompts[i]!], ['assistant', answers[i]!]);
      expected.push(['user', prompts[n]!]);
      expect(recorded).toContainEqual(expected);
    }
    await expect(page.locator('.thread-head h3')).toHaveText(prompts[0]!);

    await page.reload();
    await expect(cards(page).locator('.answer-prompt')).toHaveText(prompts);
    await expect(cards(page).last().locator('.answer-text')).toHaveText(answers[2]!);

    await ctx.close();
    ctx = await launch();
    page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`${router.url}/#/console`);
    await expect(page.locator('.threads .thread-open')).toHaveText([prompts[0]!]);
    await expect(cards(page).locator('.answer-prompt')).toHaveText(prompts);
    await expect(cards(page).first().locator('.answer-text')).toHaveText(answers[0]!);
  } finally {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('offline: a follow-up in a seen thread is answered from this device, one in an unseen thread is queued and sent when the network returns', async ({ page, context }) => {
  test.setTimeout(60_000);
  await openControlled(page, `${router.url}/#/console`);
  const first = await send(page, 'Packing list for Lisbon');
  const a1 = await first.locator('.answer-text').innerText();
  await send(page, 'And for the rain?');

  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'offline: no internet' })).toBeVisible();
  // the same conversation again: each turn's whole prefix was answered before
  await newConversation(page);
  const again = await send(page, 'Packing list for Lisbon');
  await expect(again.locator('.answer-text')).toHaveText(a1);
  await expect(again.locator('[data-badge="offline"]')).toBeVisible();
  await expect(again.locator('[data-source="device"]')).toContainText(/From this device: saved \d+ s ago, first answered by \w+ \([\w.-]+\) through the router at http:\/\/127\.0\.0\.1:\d+\./);
  const follow = await send(page, 'And for the rain?');
  await expect(follow).toHaveAttribute('data-state', 'done');
  await expect(follow.locator('[data-badge="offline"]')).toBeVisible();
  // a follow-up this thread never had: not answered with another thread's answer, queued
  const unseen = await send(page, 'And for the snow?');
  await expect(unseen).toHaveAttribute('data-state', 'queued');
  await expect(unseen.getByRole('alert')).toContainText('Queued (no internet)');
  await expect(unseen.locator('.answer-text')).toHaveCount(0);
  // an unseen thread: the same
  await newConversation(page);
  const other = await send(page, 'Packing list for Oslo');
  await expect(other).toHaveAttribute('data-state', 'queued');
  await expect(page.locator('.connection-banner')).toContainText('2 prompts wait in the queue');

  await context.setOffline(false);
  await expect(other).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await expect(other.locator('[data-source="provider"]')).toContainText('Answered by');
  await expect(page.locator('.connection-banner')).toHaveCount(0);
  await page.locator('.threads .thread-open').filter({ hasText: 'Packing list for Lisbon' }).first().click();
  await expect(cards(page).last()).toHaveAttribute('data-state', 'done');
  await expect(cards(page).last().locator('.answer-prompt')).toHaveText('And for the snow?');
});

const IMPORTED = {
  format: 'ballast-thread',
  version: 1,
  exportedAt: 1_795_000_000_000,
  threads: [
    {
      id: 'imported-1',
      title: 'Harbour fees',
      system: '',
      createdAt: 1_795_000_000_000,
      updatedAt: 1_795_000_000_000,
      turns: [
        {
          id: 't1',
          prompt: 'Compare the harbour fees',
          options: { group: 'default', feature: '', promptVersion: '', stream: true, cache: 'default' },
          sentAt: 1_795_000_000_000,
          text: [
            '## Fees',
            '',
            '| harbour | fee |',
            '|---|---|',
            '| Porto | 12 |',
            '| Nazaré | 9 |',
            '',
            '```js',
            'const total = fees.reduce((a, b) => a + b, 0);',
            '```',
            '',
            'The cheapest berth is at quinquireme dock.',
            '<script>window.__pwned = 1</script>',
            '<img src="x" onerror="window.__pwned = 2">',
            '[link](javascript:window.__pwned=3)',
          ].join('\n'),
          status: 200,
        },
      ],
    },
  ],
};

test('markdown renders as elements and runs no script; copy puts the code on the clipboard; search finds a word only in an answer; export then import round-trips', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: router.url });
  await openControlled(page, `${router.url}/#/console`);
  await page.locator('.threads input[type="file"]').setInputFiles({ name: 'thread.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(IMPORTED)) });
  await expect(page.getByText('Imported 1 conversation.')).toBeVisible();
  const md = cards(page).last().locator('.markdown');
  await expect(md.locator('h2')).toHaveText('Fees');
  await expect(md.locator('table th')).toHaveText(['harbour', 'fee']);
  await expect(md.locator('table td')).toHaveText(['Porto', '12', 'Nazaré', '9']);
  await expect(md.locator('pre code.hljs')).toBeVisible(); // the highlighter chunk loaded
  await expect(md.locator('pre code .hljs-keyword').first()).toHaveText('const');
  expect(await md.locator('script').count()).toBe(0);
  expect(await md.locator('img').getAttribute('onerror')).toBeNull();
  expect(await md.locator('a[href^="javascript"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  await md.getByRole('button', { name: 'Copy code block 1' }).click();
  await expect(md.getByRole('button', { name: 'Copy code block 1' })).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('const total = fees.reduce((a, b) => a + b, 0);');

  // a word only in the answer
  await newConversation(page);
  await page.getByLabel('Search conversations').fill('quinquireme');
  const hit = page.locator('.search-hits .hit');
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText('in the answer');
  await hit.click();
  await expect(page.locator('.thread-head h3')).toHaveText('Harbour fees');
  await page.getByLabel('Search conversations').fill('');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^ballast-harbour-fees-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = readFileSync((await file.path())!, 'utf8');
  const mdDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const mdText = readFileSync((await (await mdDownload).path())!, 'utf8');
  expect(mdText).toContain('# Harbour fees');
  expect(mdText).toContain('## You\n\nCompare the harbour fees');

  await page.getByRole('button', { name: 'Delete Harbour fees' }).click();
  await page.getByRole('button', { name: 'Yes, delete Harbour fees' }).click();
  await expect(page.locator('.threads .thread-open')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('.threads .thread-open')).toHaveCount(0);
  await page.locator('.threads input[type="file"]').setInputFiles({ name: 'back.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await expect(page.locator('.threads .thread-open')).toHaveText(['Harbour fees']);
  await expect(cards(page).last().locator('.answer-prompt')).toHaveText('Compare the harbour fees');
  await expect(cards(page).last().locator('.markdown table td').first()).toHaveText('Porto');
  expect(JSON.parse(exported).threads[0].turns[0].text).toBe(IMPORTED.threads[0]!.turns[0]!.text);
});

test('rename, edit-and-resend and regenerate work on the last turn; a saved prompt is suggested as one types', async ({ page }) => {
  await openControlled(page, `${router.url}/#/console`);
  await send(page, 'What is 17 * 23?');
  await page.getByRole('button', { name: 'Rename What is 17 * 23?' }).click();
  await page.getByLabel('New name').fill('Arithmetic');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.threads .thread-open')).toHaveText(['Arithmetic']);

  await page.getByRole('button', { name: 'Edit prompt' }).click();
  await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue('What is 17 * 23?');
  await page.getByLabel('Prompt', { exact: true }).fill('What is 17 * 24?');
  await page.getByRole('button', { name: 'Resend' }).click();
  await expect(cards(page)).toHaveCount(1);
  await expect(newest(page).locator('.answer-prompt')).toHaveText('What is 17 * 24?');
  await expect(newest(page)).toHaveAttribute('data-state', 'done');

  const regenerated = page.waitForRequest((r) => r.url().endsWith('/v1/chat/completions') && r.method() === 'POST');
  await page.getByRole('button', { name: 'Regenerate' }).click();
  expect((await regenerated).headers()['x-ballast-cache']).toBe('refresh');
  await expect(newest(page)).toHaveAttribute('data-state', 'done');
  await expect(cards(page)).toHaveCount(1);

  await newConversation(page);
  await page.getByLabel('Prompt', { exact: true }).fill('what is 17*23');
  const suggestion = page.locator('.suggestions .suggestion').first();
  await expect(suggestion).toContainText('What is 17 * 23?');
  await expect(suggestion).toContainText(/saved \d+ s ago · \w+ · answered offline/);
  await suggestion.click();
  await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue('What is 17 * 23?');
});

for (const viewport of [{ width: 1280, height: 800 }, { width: 420, height: 800 }]) {
  test(`at ${viewport.width}x${viewport.height} the answer is on screen without scrolling, and its end is announced`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openControlled(page, `${router.url}/#/console`);
    // The first-run intro stands above the console until it is dismissed, once per browser (layout-a11y.spec.ts).
    await page.getByRole('button', { name: 'Got it, hide this' }).click();
    for (const p of ['First thread', 'Second thread']) {
      await newConversation(page);
      await send(page, p);
    }
    await newConversation(page);
    const card = await send(page, 'Where is the answer?');
    await expect(page.getByTestId('announcer')).toHaveText(/^Answer finished by \w+: \d+ characters\.$/);
    await expect(page.getByTestId('announcer')).toHaveAttribute('aria-live', 'polite');
    await expect(page.getByLabel('Feature tag')).toBeHidden(); // under Advanced
    const box = (await card.locator('.answer-text').boundingBox())!;
    const scrollY = await page.evaluate(() => window.scrollY);
    expect(scrollY).toBe(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  });
}
