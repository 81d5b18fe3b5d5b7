// Travel-cache benchmark in Chromium against the real router and its service worker.
//  1. lookup: 10,000 answers in IndexedDB; a stored answer served by the worker
//     (cache-first setting). Measured inside the worker from the fetch event to the
//     response (body read, key, IndexedDB read: server-timing `travel`), the IndexedDB
//     read alone (`idb`), and the page's whole fetch round trip, next to a baseline: a
//     precached GET through the same worker. Target: the worker's lookup <= 10 ms at p95.
//  2. repeat hit rate: 1,000 requests drawn from 200 distinct prompts (Zipf, s = 1),
//     through the worker's cache-first-for-repeats setting. Target: >= 60 %.
// Build first (tsc -b && vite build). Run: node tests/bench/sw-lookup.mjs
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS as ARGS, startRouter } from './start-router.mjs';

const root = new URL('../../', import.meta.url);
const { cacheKey } = await import(new URL('dist/core/cache-key.js', root).href);

const ENTRIES = 10_000;
const LOOKUPS = 500;
const REQUESTS = 1_000;
const DISTINCT = 200;
const CONCURRENCY = 6;

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const body = (text) => ({ model: 'default', messages: [{ role: 'user', content: text }] });
const completion = (i) => ({
  id: `chatcmpl-bench-${i}`,
  object: 'chat.completion',
  created: 1_795_000_000,
  model: 'emulated-gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: `Seeded answer ${i}: calm water with measured words for every request, steady ballast keeps the answer level while providers drift.` }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 8, completion_tokens: 24, total_tokens: 32 },
});

const router = await startRouter();
const browser = await chromium.launch({ executablePath: process.env.BALLAST_CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
try {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  await page.goto(router.url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // the worker opens (and creates) its database on the first message
  await page.evaluate(() => window.ballast.travel.counters());

  // 1. seed 10,000 entries with the keys the worker will compute (tenant "default")
  const now = Date.now();
  const seeds = [];
  for (let i = 0; i < ENTRIES; i++) {
    const text = `bench prompt ${i}: summarise the travel notes for day ${i % 97}`;
    const c = completion(i);
    const json = JSON.stringify(c);
    seeds.push({
      key: await cacheKey({ tenant: 'default', group: 'default', promptVersion: null }, body(text)),
      summary: { group: 'default', feature: null, promptVersion: null, lastUser: text },
      completion: c,
      provider: 'primary',
      model: 'emulated-gpt-4o-mini',
      costUsd: 0.00002,
      createdAt: now - ENTRIES + i,
      lastHitAt: now - ENTRIES + i,
      hits: 0,
      bytes: Buffer.byteLength(json),
    });
  }
  const t0 = Date.now();
  for (let i = 0; i < ENTRIES; i += 2000) {
    await page.evaluate(
      (batch) =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('ballast-travel'); // the worker's current version
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(['entries', 'meta'], 'readwrite');
            for (const e of batch) tx.objectStore('entries').put(e);
            const meta = tx.objectStore('meta');
            const get = meta.get('totals');
            get.onsuccess = () => {
              const t = get.result?.value ?? { count: 0, bytes: 0 };
              meta.put({ id: 'totals', value: { count: t.count + batch.length, bytes: t.bytes + batch.reduce((a, e) => a + e.bytes, 0) } });
            };
            tx.oncomplete = () => (db.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      seeds.slice(i, i + 2000),
    );
  }
  const total = await page.evaluate(() => window.ballast.travel.list({ limit: 1 }).then((p) => p.total));
  console.log(`seeded ${total} entries in ${Date.now() - t0} ms`);

  await page.evaluate(() => window.ballast.travel.setSettings({ cacheFirstForRepeats: true }));
  const r = rng(42);
  const picks = Array.from({ length: LOOKUPS + 50 }, () => Math.floor(r() * ENTRIES));
  const texts = picks.map((i) => `bench prompt ${i}: summarise the travel notes for day ${i % 97}`);
  const timings = await page.evaluate(async (texts) => {
    const out = [];
    for (const text of texts) {
      const t = performance.now();
      const res = await fetch('/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: text }] }) });
      await res.json();
      const fetchMs = performance.now() - t;
      const b = performance.now();
      await (await fetch('/manifest.webmanifest')).text();
      const baselineMs = performance.now() - b;
      const st = res.headers.get('server-timing') ?? '';
      const dur = (name) => Number(new RegExp(`${name};dur=([0-9.]+)`).exec(st)?.[1] ?? NaN);
      out.push({ hit: res.headers.get('x-ballast-travel') === 'repeat', fetchMs, baselineMs, idbMs: dur('idb'), workerMs: dur('travel') });
    }
    return out;
  }, texts);
  const measured = timings.slice(50);
  const hits = measured.filter((t) => t.hit).length;
  const line = (label, xs) => console.log(`  ${label.padEnd(58)} p50 ${pct(xs, 50).toFixed(2)} ms, p95 ${pct(xs, 95).toFixed(2)} ms, max ${Math.max(...xs).toFixed(2)} ms`);
  const worker = measured.map((t) => t.workerMs);
  const workerP95 = pct(worker, 95);
  console.log(`lookup with ${ENTRIES} entries, ${LOOKUPS} lookups (${hits} hits), Chromium ${browser.version()}:`);
  line('worker: fetch event -> response (body, key, IndexedDB)', worker);
  line('worker: IndexedDB read alone', measured.map((t) => t.idbMs));
  line('page: fetch round trip through the worker', measured.map((t) => t.fetchMs));
  line('page: baseline, a precached GET through the same worker', measured.map((t) => t.baselineMs));

  // 2. repeat hit rate (fresh cache, cache-first for repeats on)
  await page.evaluate(() => window.ballast.travel.clear());
  const H = Array.from({ length: DISTINCT }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);
  const zr = rng(7);
  const draw = () => {
    let u = zr() * H;
    for (let i = 0; i < DISTINCT; i++) {
      u -= 1 / (i + 1);
      if (u <= 0) return i;
    }
    return DISTINCT - 1;
  };
  const sequence = Array.from({ length: REQUESTS }, draw);
  const t1 = Date.now();
  const result = await page.evaluate(
    async ({ sequence, concurrency }) => {
      let next = 0;
      let hits = 0;
      let errors = 0;
      const worker = async () => {
        while (next < sequence.length) {
          const i = sequence[next++];
          const res = await fetch('/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: `zipf prompt ${i}: what should I pack for a rainy week?` }] }) });
          await res.text();
          if (!res.ok) errors++;
          if (res.headers.get('x-ballast-travel') === 'repeat') hits++;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      return { hits, errors };
    },
    { sequence, concurrency: CONCURRENCY },
  );
  const distinct = new Set(sequence).size;
  const rate = result.hits / REQUESTS;
  console.log(`repeat hit rate: ${result.hits}/${REQUESTS} = ${(rate * 100).toFixed(1)} % (${distinct} distinct prompts drawn of ${DISTINCT}, Zipf s=1, ${CONCURRENCY} in flight, ${result.errors} errors, ${((Date.now() - t1) / 1000).toFixed(1)} s); ceiling ${(((REQUESTS - distinct) / REQUESTS) * 100).toFixed(1)} %`);

  const okLookup = workerP95 <= 10;
  const okRate = rate >= 0.6;
  console.log(`${okLookup ? 'PASS' : 'FAIL'} worker lookup p95 <= 10 ms (${workerP95.toFixed(2)} ms)`);
  console.log(`${okRate ? 'PASS' : 'FAIL'} repeat hit rate >= 60 % (${(rate * 100).toFixed(1)} %)`);
  process.exitCode = okLookup && okRate && hits === LOOKUPS ? 0 : 1;
} finally {
  await browser.close();
  await router.stop();
}
