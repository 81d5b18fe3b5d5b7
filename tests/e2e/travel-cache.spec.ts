import { expect, test } from '@playwright/test';
import { ask, openControlled, prompt, sseAnswer, storedCount, travelCall } from './helpers.js';
import { startRouter, type RouterProcess } from './router-process.js';

let router: RouterProcess | null = null;

test.afterEach(async () => {
  await router?.kill();
  router = null;
});

test('first visit installs the worker, which controls the page and precaches the shell', async ({ page, context }) => {
  router = await startRouter();
  await openControlled(page, router.url);
  const scriptURL = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
  expect(scriptURL).toBe(`${router.url}/sw.js`);
  expect(context.serviceWorkers().map((w) => w.url())).toContain(`${router.url}/sw.js`);
  const precached = await page.evaluate(async () => {
    const names = await caches.keys();
    const urls: string[] = [];
    for (const n of names) for (const r of await (await caches.open(n)).keys()) urls.push(new URL(r.url).pathname);
    return urls;
  });
  expect(precached).toEqual(expect.arrayContaining(['/index.html', '/manifest.webmanifest', '/icon-192.png']));
  expect(precached.some((p) => p.startsWith('/assets/') && p.endsWith('.js'))).toBe(true);
  const manifest = await page.evaluate(() => fetch('/manifest.webmanifest').then((r) => r.json()));
  expect(manifest).toMatchObject({ name: 'ballast', display: 'standalone' });
});

test('answers are stored online and served from IndexedDB offline; unseen prompts get the offline error; the app reloads offline', async ({ page, context }) => {
  router = await startRouter();
  await openControlled(page, router.url);

  const json = await ask(page, prompt('What does ballast do?'), { 'x-ballast-feature': 'e2e', 'x-ballast-prompt-version': 'v1' });
  expect(json.status).toBe(200);
  expect(json.headers['x-ballast-travel']).toBeUndefined();
  const live = JSON.parse(json.text) as { choices: Array<{ message: { content: string } }> };
  const streamed = await ask(page, prompt('Tell me about the waterline.', { stream: true }));
  expect(streamed.status).toBe(200);
  const liveStream = sseAnswer(streamed.text);
  expect(liveStream.content.length).toBeGreaterThan(10);
  await expect.poll(() => storedCount(page)).toBe(2);

  await context.setOffline(true);
  const again = await ask(page, prompt('What does ballast do?'), { 'x-ballast-feature': 'e2e', 'x-ballast-prompt-version': 'v1' });
  expect(again.status).toBe(200);
  expect(again.headers).toMatchObject({ 'x-ballast-cache': 'hit', 'x-ballast-travel': 'offline' });
  expect(JSON.parse(again.text)).toEqual(JSON.parse(json.text));
  expect(live.choices[0]?.message.content).toBeTruthy();

  // another prompt version is another key: not served
  const otherVersion = await ask(page, prompt('What does ballast do?'), { 'x-ballast-prompt-version': 'v2' });
  expect(otherVersion.status).toBe(503);

  // the teed stream, replayed as SSE, carries the same answer
  const replay = await ask(page, prompt('Tell me about the waterline.', { stream: true }));
  expect(replay.status).toBe(200);
  expect(replay.headers['content-type']).toContain('text/event-stream');
  expect(replay.headers).toMatchObject({ 'x-ballast-cache': 'hit', 'x-ballast-travel': 'offline' });
  expect(sseAnswer(replay.text)).toEqual(liveStream);
  // the same prompt asked without streaming is the same key, answered as JSON
  const asJson = await ask(page, prompt('Tell me about the waterline.'));
  expect(JSON.parse(asJson.text).choices[0].message.content).toBe(liveStream.content);

  const unseen = await ask(page, prompt('A prompt this device never sent.'));
  expect(unseen.status).toBe(503);
  expect(JSON.parse(unseen.text)).toMatchObject({ error: { code: 'offline_no_cached_answer', type: 'service_unavailable_error' } });
  expect(unseen.ms).toBeLessThan(2000);

  const counters = await travelCall<Record<string, number>>(page, 'counters');
  expect(counters).toMatchObject({ hits: 3, offlineAnswers: 3, misses: 4 });
  expect(counters.bytesSaved).toBeGreaterThan(0);
  expect(counters.dollarsSaved).toBeGreaterThan(0);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'ballast', level: 1 })).toBeVisible();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const afterReload = await ask(page, prompt('What does ballast do?'), { 'x-ballast-feature': 'e2e', 'x-ballast-prompt-version': 'v1' });
  expect(afterReload.headers['x-ballast-travel']).toBe('offline');
  await context.setOffline(false);
});

test('with the router process killed, stored prompts are still answered and the app still opens', async ({ page }) => {
  router = await startRouter();
  await openControlled(page, router.url);
  const streamed = await ask(page, prompt('Kill the router after this one.', { stream: true }));
  const live = sseAnswer(streamed.text);
  const json = await ask(page, prompt('And this one too.'));
  await expect.poll(() => storedCount(page)).toBe(2);

  const url = router.url;
  await router.kill();
  router = null;

  const replay = await ask(page, prompt('Kill the router after this one.', { stream: true }));
  expect(replay.headers).toMatchObject({ 'x-ballast-cache': 'hit', 'x-ballast-travel': 'offline' });
  expect(sseAnswer(replay.text)).toEqual(live);
  const again = await ask(page, prompt('And this one too.'));
  expect(JSON.parse(again.text)).toEqual(JSON.parse(json.text));
  const unseen = await ask(page, prompt('Never asked before.'));
  expect(unseen.status).toBe(503);
  expect(JSON.parse(unseen.text).error.code).toBe('offline_no_cached_answer');

  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'ballast', level: 1 })).toBeVisible();
});

test('GET /api/slo keeps the last snapshot for offline use, marked with its age', async ({ page, context }) => {
  router = await startRouter();
  await openControlled(page, router.url);
  await ask(page, prompt('one request so the SLO has data'));
  const online = await page.evaluate(() => fetch('/api/slo').then(async (r) => ({ status: r.status, age: r.headers.get('x-ballast-snapshot-age-s'), body: await r.json() })));
  expect(online.status).toBe(200);
  expect(online.age).toBeNull();
  await context.setOffline(true);
  await expect
    .poll(() => page.evaluate(() => fetch('/api/slo').then(async (r) => ({ status: r.status, age: r.headers.get('x-ballast-snapshot-age-s'), body: await r.json() }))))
    .toMatchObject({ status: 200, age: expect.stringMatching(/^\d+$/), body: { now: online.body.now } });
  const unseen = await page.evaluate(() => fetch('/api/slo?tenant=nobody').then((r) => r.status));
  expect(unseen).toBe(503);
  await context.setOffline(false);
});

test('the message API lists, searches, reads, deletes, exports, and the cache-first setting answers repeats', async ({ page }) => {
  router = await startRouter();
  await openControlled(page, router.url);
  for (const p of ['invoice total for March', 'weather in Lisbon', 'invoice total for April']) await ask(page, prompt(p));
  await expect.poll(() => storedCount(page)).toBe(3);

  const found = await travelCall<{ total: number; entries: Array<{ key: string; summary: { lastUser: string } }> }>(page, 'list', { search: 'INVOICE', limit: 1 });
  expect(found.total).toBe(2);
  expect(found.entries).toHaveLength(1);
  const key = found.entries[0]!.key;
  const one = await travelCall<{ key: string; completion: { object: string }; costUsd: number; provider: string }>(page, 'get', key);
  expect(one).toMatchObject({ key, completion: { object: 'chat.completion' } });
  expect(one.costUsd).toBeGreaterThan(0);
  expect(await travelCall(page, 'delete', key)).toBe(true);
  const exported = await travelCall<{ version: number; entries: unknown[] }>(page, 'export');
  expect(exported.version).toBe(1);
  expect(exported.entries).toHaveLength(2);

  expect(await travelCall(page, 'setSettings', { cacheFirstForRepeats: true, networkTimeoutMs: 3000 })).toEqual({ cacheFirstForRepeats: true, networkTimeoutMs: 3000 });
  const repeat = await ask(page, prompt('weather in Lisbon'));
  expect(repeat.headers).toMatchObject({ 'x-ballast-cache': 'hit', 'x-ballast-travel': 'repeat' });
  const refreshed = await ask(page, prompt('weather in Lisbon'), { 'x-ballast-cache': 'refresh' });
  expect(refreshed.headers['x-ballast-travel']).toBeUndefined();
  await expect(travelCall(page, 'setSettings', { networkTimeoutMs: 1 })).rejects.toThrow(/networkTimeoutMs/);
  expect(await travelCall(page, 'clear')).toBe(2);
  expect(await storedCount(page)).toBe(0);
});
