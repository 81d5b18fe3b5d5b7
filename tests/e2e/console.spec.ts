import { expect, test, type Locator, type Page, type Response } from '@playwright/test';
import { isChat, openControlled, sseAnswer } from './helpers.js';
import { emulatorControl, startRouter, type RouterProcess } from './router-process.js';

// One router for the file (each test still gets a fresh browser context: its own worker
// and travel cache). The failover test breaks the providers, so it runs last.
let router: RouterProcess;

test.beforeAll(async () => {
  router = await startRouter();
});

test.afterAll(async () => {
  await router?.kill();
});

/** Sends the prompt in a new conversation (each prompt alone) and resolves with the chat response the page received. */
async function sendFromForm(page: Page, text: string): Promise<Response> {
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page.getByLabel('Prompt', { exact: true }).fill(text);
  const response = page.waitForResponse(isChat);
  await page.getByRole('button', { name: 'Send' }).click();
  return response;
}

/** The newest answer card, once it has finished. */
async function newestDone(page: Page): Promise<Locator> {
  const card = page.locator('.answers article').last();
  await expect(card).toHaveAttribute('aria-busy', 'false', { timeout: 15_000 });
  return card;
}

const field = (card: Locator, name: string) => card.locator(`dd[data-field="${name}"]`);
const badges = (card: Locator) => card.locator('[data-badge]').evaluateAll((els) => els.map((e) => e.getAttribute('data-badge')));
const ms = async (card: Locator, name: string) => Number((await field(card, name).innerText()).replace(' ms', ''));
/** The cost shown ("$0.0000153", "$0"), as a number to compare with the header's. */
const shownUsd = async (card: Locator) => {
  const text = await field(card, 'cost').innerText();
  expect(text).toMatch(/^\$\d+(\.\d+)?$/);
  return Number(text.slice(1));
};

test('streamed and non-streamed prompts: the answer streams in, and the fields and badges match the response headers', async ({ page }) => {
  // slow enough to watch the stream grow: 24 tokens at 20 per second
  for (const p of ['primary', 'secondary']) await emulatorControl(router, 'PATCH', `/providers/${p}/settings`, { tokens_per_second: 20 });
  await openControlled(page, `${router.url}/#/console`);
  await expect(page.getByLabel('Model group')).toHaveValue('default');
  await expect(page.getByLabel('Model group').locator('option')).toHaveText(['default']);
  await page.getByText('Advanced').click();
  await page.getByLabel('Feature tag').fill('e2e-console');
  await page.getByLabel('Prompt version').fill('v7');
  await expect(page.getByLabel('Stream the answer')).toBeChecked();

  const streamed = await sendFromForm(page, 'Explain the waterline in a sentence.');
  const card = page.locator('.answers article').last();
  // mid-stream: part of the text is shown while the answer is still arriving (checked in
  // the page on every frame, so the moment cannot slip between two test-side polls)
  await page.waitForFunction(() => {
    const a = document.querySelector('.answers article');
    return a?.getAttribute('aria-busy') === 'true' && (a.querySelector('.answer-text')?.textContent ?? '').startsWith('Emulated answer from');
  });
  await newestDone(page);
  const h = streamed.headers();
  expect(h['content-type']).toContain('text/event-stream');
  const body = await streamed.text();
  const live = sseAnswer(body);
  await expect(card.locator('.answer-text')).toHaveText(live.content);
  await expect(field(card, 'provider')).toHaveText(h['x-ballast-provider']!);
  await expect(field(card, 'model')).toHaveText(h['x-ballast-model']!);
  await expect(field(card, 'attempts')).toHaveText(h['x-ballast-attempts']!);
  await expect(field(card, 'request-id')).toHaveText(h['x-ballast-request-id']!);
  // a stream's cost arrives as an SSE comment before [DONE]
  const cost = /^: x-ballast-cost-usd (\S+)$/m.exec(body)?.[1];
  expect(cost).toBeDefined();
  expect(await shownUsd(card)).toBe(Number(cost));
  expect(Number(cost)).toBeGreaterThan(0);
  const ttft = await ms(card, 'ttft');
  const latency = await ms(card, 'latency');
  expect(ttft).toBeGreaterThan(0);
  expect(latency).toBeGreaterThan(ttft); // the 24 tokens took about a second after the first
  expect(await badges(card)).toEqual(['emulated']);
  await expect(card).toContainText('feature e2e-console');

  for (const p of ['primary', 'secondary']) await emulatorControl(router, 'PATCH', `/providers/${p}/settings`, { tokens_per_second: 150 });
  await page.getByLabel('Stream the answer').uncheck();
  const plain = await sendFromForm(page, 'And the keel?');
  const second = await newestDone(page);
  const ph = plain.headers();
  expect(ph['content-type']).toContain('application/json');
  const completion = (await plain.json()) as { choices: Array<{ message: { content: string } }> };
  await expect(second.locator('.answer-text')).toHaveText(completion.choices[0]!.message.content);
  await expect(field(second, 'provider')).toHaveText(ph['x-ballast-provider']!);
  await expect(field(second, 'model')).toHaveText(ph['x-ballast-model']!);
  await expect(field(second, 'attempts')).toHaveText(ph['x-ballast-attempts']!);
  await expect(field(second, 'request-id')).toHaveText(ph['x-ballast-request-id']!);
  expect(await shownUsd(second)).toBe(Number(ph['x-ballast-cost-usd']));
  expect(await ms(second, 'latency')).toBeGreaterThan(0);
  expect(await badges(second)).toEqual(['emulated']);
  // each in its own conversation, the newest first in the sidebar
  await expect(page.locator('.threads .thread-open')).toHaveText(['And the keel?', 'Explain the waterline in a sentence.']);
});

test('the console works from the keyboard alone', async ({ page }) => {
  await openControlled(page, `${router.url}/#/console`);
  await page.locator('body').focus();
  // Tab from the top of the page to the prompt
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'prompt')) break;
  }
  await expect(page.getByLabel('Prompt', { exact: true })).toBeFocused();
  await page.keyboard.type('Typed without a mouse');
  await page.keyboard.press('Tab'); // model group
  await expect(page.getByLabel('Model group')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Stream the answer')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Stream the answer')).not.toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Send' })).toBeFocused();
  await page.keyboard.press('Tab'); // the Advanced disclosure opens from the keyboard
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Feature tag')).toBeFocused();
  await page.keyboard.type('kbd');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+Tab'); // Advanced, Send, stream, group, prompt
  await expect(page.getByLabel('Prompt', { exact: true })).toBeFocused();
  const response = page.waitForResponse(isChat);
  await page.keyboard.press('Control+Enter');
  const res = await response;
  expect(res.request().headers()['x-ballast-feature']).toBe('kbd');
  expect(JSON.parse(res.request().postData() ?? '{}')).toMatchObject({ model: 'default', messages: [{ role: 'user', content: 'Typed without a mouse' }] });
  const card = await newestDone(page);
  await expect(field(card, 'request-id')).toHaveText(res.headers()['x-ballast-request-id']!);
  // the focus stays in the prompt for the next one
  await expect(page.getByLabel('Prompt', { exact: true })).toBeFocused();
});

test("failover, degraded and cached badges come from the router's headers; errors show the router's message", async ({ page }) => {
  await openControlled(page, `${router.url}/#/console`);
  await page.getByLabel('Stream the answer').uncheck();

  // Revoke the primary's key: a request that tries it first fails over to the secondary.
  // Routing is weighted 9:1 at random, so a request may go to the secondary first: ask again.
  await emulatorControl(router, 'POST', '/providers/primary/revoke');
  let failover: Record<string, string> | null = null;
  for (let i = 0; i < 8 && failover === null; i++) {
    const res = await sendFromForm(page, `Failover probe ${i}`);
    await newestDone(page);
    if (res.headers()['x-ballast-failover'] === 'true') failover = res.headers();
  }
  expect(failover).not.toBeNull();
  const card = page.locator('.answers article').first();
  expect(await badges(card)).toEqual(['failover', 'emulated']);
  await expect(field(card, 'provider')).toHaveText('secondary');
  await expect(field(card, 'attempts')).toHaveText(failover!['x-ballast-attempts']!);
  expect(Number(failover!['x-ballast-attempts'])).toBeGreaterThan(1);
  await emulatorControl(router, 'POST', '/reset');

  // Every provider down: the router answers from its own cache, degraded, when it has the
  // prompt; "refresh" keeps the worker's travel cache out of the way.
  const first = await sendFromForm(page, 'Remember this one.');
  expect(first.status()).toBe(200);
  await newestDone(page);
  for (const p of ['primary', 'secondary']) await emulatorControl(router, 'PUT', `/providers/${p}/fault`, { kind: 'status', status: 500 });
  await page.getByText('Advanced').click();
  await page.getByLabel('Cache').selectOption('refresh');
  const degraded = await sendFromForm(page, 'Remember this one.');
  const dcard = await newestDone(page);
  const dh = degraded.headers();
  expect(dh).toMatchObject({ 'x-ballast-cache': 'hit', 'x-ballast-degraded': 'cached' });
  expect(dh['x-ballast-travel']).toBeUndefined();
  expect(await badges(dcard)).toEqual(expect.arrayContaining(['cached', 'degraded']));
  await expect(dcard.locator('[data-badge="degraded"]')).toHaveText('degraded: cached');
  expect(await shownUsd(dcard)).toBe(Number(dh['x-ballast-cost-usd'])); // a cached answer is free
  await expect(field(dcard, 'cost')).toHaveText('$0');

  // a prompt nobody has answered: the router's envelope message, shown as an error
  const failed = await sendFromForm(page, 'Never asked before.');
  const fcard = await newestDone(page);
  const envelope = (await failed.json()) as { error: { message: string; code: string } };
  expect(failed.status()).toBeGreaterThanOrEqual(500);
  await expect(fcard.getByRole('alert')).toContainText(envelope.error.message);
  await expect(fcard.getByRole('alert')).toContainText(envelope.error.code);
  expect(await badges(fcard)).toEqual([]);
});
