// The PWA's two budgets, printed (not asserted):
//  1. first-page JavaScript: every script the first page loads before it can render
//     (the entry module and its static imports, from dist/app/index.html and the
//     modulepreload links), gzipped at level 9. Lazy pages are listed apart. Target
//     <= 200 KB gzipped.
//  2. offline open: with the worker installed and the network off, the time from
//     starting a reload to the app shell rendered (the page nav in the DOM), in
//     Debian's Chromium through Playwright, 20 times. Target <= 1 s.
// Build first (tsc -b && vite build). Run: npm run bench:pwa
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, startRouter } from './start-router.mjs';

const app = new URL('../../dist/app/', import.meta.url);
const OPENS = 20;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gz = (path) => gzipSync(readFileSync(new URL(path, app)), { level: 9 }).length;

// ---- 1. first-page JavaScript -------------------------------------------------------
const html = readFileSync(new URL('index.html', app), 'utf8');
const first = new Set([...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map((m) => m[1]));
// Static imports of the entry chunk load before it runs.
for (const file of [...first]) {
  for (const m of readFileSync(new URL(file, app), 'utf8').matchAll(/\bimport\s*(?:[\w{}*\s,]+from\s*)?["']\.\/([^"']+\.js)["']/g)) first.add(`assets/${m[1]}`);
}
const lazy = readdirSync(new URL('assets/', app)).filter((f) => f.endsWith('.js') && !first.has(`assets/${f}`));
let firstTotal = 0;
console.log('first page (loaded before the app renders):');
for (const f of first) {
  const size = gz(f);
  firstTotal += size;
  console.log(`  ${f.padEnd(40)} ${kb(size).padStart(9)} gz`);
}
console.log(`  total ${kb(firstTotal)} gzipped: ${firstTotal <= 200 * 1024 ? 'PASS' : 'MISS'} (target <= 200 KB)`);
console.log('lazy chunks (loaded when their page opens; precached for offline):');
for (const f of lazy) console.log(`  assets/${f.padEnd(33)} ${kb(gz(`assets/${f}`)).padStart(9)} gz`);

// ---- 2. offline open ----------------------------------------------------------------
const router = await startRouter();
const browser = await chromium.launch({ executablePath: process.env.BALLAST_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(router.url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  const times = [];
  for (let i = 0; i < OPENS; i++) {
    const t0 = performance.now();
    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector('nav[aria-label="Pages"]');
    times.push(performance.now() - t0);
  }
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)];
  console.log(`offline open, ${OPENS} reloads with the network off: median ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms (last first-contentful-paint ${fcp === null ? 'n/a' : `${fcp.toFixed(0)} ms`}): ${at(0.95) <= 1000 ? 'PASS' : 'MISS'} (target <= 1 s)`);
} finally {
  await browser.close();
  await router.stop();
}
