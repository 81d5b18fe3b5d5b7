// Writes a screenshot of each page of the PWA to docs/screenshots/ (light and dark),
// against the router on its embedded emulated providers with a little traffic first,
// so the pages show real answers, cached entries and SLO figures.
// Build first (npm run build). Run: npm run screenshots
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, startRouter } from '../tests/bench/start-router.mjs';

const out = new URL('../docs/screenshots/', import.meta.url);
mkdirSync(out, { recursive: true });
const PAGES = ['console', 'travel', 'health', 'drill', 'kit', 'settings'];
const PROMPTS = ['Summarize our refund policy in two sentences.', 'Draft a friendly reminder about the invoice due Friday.', 'What is a good SLO for a chatbot?'];

const router = await startRouter();
const browser = await chromium.launch({ executablePath: process.env.BALLAST_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: scheme, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(router.url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    if (scheme === 'light') {
      // Traffic through the worker, so the travel cache and the ledger have something to show.
      await page.evaluate(async (prompts) => {
        for (const [i, content] of prompts.entries()) {
          const res = await fetch('/v1/chat/completions', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-ballast-feature': i === 0 ? 'support' : 'drafts', 'x-ballast-prompt-version': 'v3' },
            body: JSON.stringify({ model: 'default', stream: i === 1, messages: [{ role: 'user', content }] }),
          });
          await res.text();
        }
      }, PROMPTS);
    }
    if (scheme === 'light') {
      // A two-turn conversation in the console, and a drill under way, as a user would have them.
      await page.goto(`${router.url}/#/console`);
      for (const [i, text] of ['Give me three names for a sailing app.', 'Now make them shorter.'].entries()) {
        await page.getByLabel('Prompt', { exact: true }).fill(text);
        await page.getByRole('button', { name: 'Send' }).click();
        await page.locator('.answers article').nth(i).and(page.locator('[aria-busy="false"]')).waitFor();
      }
      await page.goto(`${router.url}/#/drill`);
      await page.getByLabel('Drill lead').fill('Ada');
      await page.getByLabel('Operator').fill('Otto');
      await page.getByLabel('Scribe').fill('Sam');
      await page.getByRole('button', { name: 'Start the drill' }).click();
      await page.getByText('Start a drill').waitFor({ state: 'detached' });
    }
    for (const id of PAGES) {
      await page.goto(`${router.url}/#/${id}`);
      await page.waitForSelector('#page-h');
      if (id === 'kit') await page.waitForSelector('article.kit-doc h1');
      await page.waitForLoadState('networkidle');
      const file = new URL(`${id}-${scheme}.png`, out);
      await page.screenshot({ path: file.pathname, fullPage: true });
      console.log(`wrote docs/screenshots/${id}-${scheme}.png`);
      // The console shows the first-run intro as a new user sees it; the other pages without it.
      const hide = page.getByRole('button', { name: 'Got it, hide this' });
      if (await hide.count()) await hide.click();
    }
    await context.close();
  }
} finally {
  await browser.close();
  await router.stop();
}
