import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openControlled } from './helpers.js';
import { startRouter, type RouterProcess } from './router-process.js';

let router: RouterProcess;

test.beforeAll(async () => {
  router = await startRouter();
  // Some traffic, so the pages show figures, lists and charts rather than empty states.
  for (let i = 0; i < 3; i++) {
    await fetch(`${router.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: `accessibility ${i}` }] }),
    }).then((r) => r.arrayBuffer());
  }
  // A drill under way, so the Drill page shows its clock, checklist and timeline.
  const drill = await fetch(`${router.url}/admin/drills`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lead: 'Ada', operator: 'Otto', scribe: 'Sam' }) });
  expect(drill.status).toBe(201);
  // The primary's key revoked: the health panel's "key revoked" badge and the drill's unmet steps are on screen too.
  expect((await fetch(`${router.url}/admin/providers/primary/revoke`, { method: 'POST' })).status).toBe(200);
});

test.afterAll(async () => {
  await router?.kill();
});

const PAGES = ['console', 'travel', 'health', 'drill', 'kit', 'kit/proposal-language', 'settings'];

for (const scheme of ['light', 'dark'] as const) {
  test(`every page passes axe (WCAG 2 A/AA: contrast, labels, roles) in the ${scheme} scheme`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme: scheme });
    await openControlled(page, router.url);
    // An answer in the console's list and in this device's travel cache.
    await page.goto(`${router.url}/#/console`);
    await page.getByLabel('Prompt', { exact: true }).fill(`Checked in the ${scheme} scheme`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.locator('.answers article').last()).toHaveAttribute('aria-busy', 'false', { timeout: 15_000 });
    await expect(page.getByText('Request id').first()).toBeVisible();
    for (const id of PAGES) {
      await page.goto(`${router.url}/#/${id}`);
      await page.waitForSelector('#page-h');
      await page.waitForLoadState('networkidle');
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      const found = violations.map((v) => `${id}: ${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      expect(found, found.join('\n')).toEqual([]);
    }
  });
}
