import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { openControlled } from './helpers.js';
import { startRouter, type RouterProcess } from './router-process.js';

let router: RouterProcess | null = null;

test.afterEach(async () => {
  await router?.kill();
  router = null;
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

test("Chromium's own installability check passes: manifest fields, icons, a worker with a fetch handler", async ({ page, context }) => {
  router = await startRouter();
  await openControlled(page, router.url);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', /manifest\.webmanifest$/);

  const cdp = await context.newCDPSession(page);
  const { errors, parsed } = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; parsed?: { name?: string } };
  expect(errors).toEqual([]);
  // Chromium runs the same checks as for its install prompt, the worker's fetch handler included.
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: Array<{ errorId: string }> };
  // Playwright's contexts are incognito profiles, where Chromium never offers an install;
  // that is the only objection allowed.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
  expect(parsed?.name ?? 'ballast').toBe('ballast');

  const manifest = (await (await page.request.get(`${router.url}/manifest.webmanifest`)).json()) as {
    name: string;
    short_name: string;
    start_url: string;
    display: string;
    theme_color: string;
    background_color: string;
    icons: Array<{ src: string; sizes: string; type: string; purpose: string }>;
  };
  expect(manifest).toMatchObject({ name: 'ballast', short_name: 'ballast', start_url: '/', display: 'standalone' });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  const svg = manifest.icons.find((i) => i.type === 'image/svg+xml');
  expect(svg?.sizes).toBe('any');
  for (const [size, purpose] of [[192, 'any'], [512, 'any'], [512, 'maskable']] as const) {
    const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === purpose && i.type === 'image/png');
    expect(icon, `a ${size}px ${purpose} PNG icon`).toBeDefined();
    const res = await page.request.get(`${router.url}${icon!.src}`);
    expect(res.headers()['content-type']).toBe('image/png');
    expect(pngSize(await res.body())).toEqual({ width: size, height: size });
  }
  const svgRes = await page.request.get(`${router.url}${svg!.src}`);
  expect(svgRes.headers()['content-type']).toBe('image/svg+xml');
  expect(await svgRes.text()).toContain('<svg');
});

/**
 * A copy of the build inside the repository (so node_modules resolves), whose app files
 * the test can change as a new deployment would.
 */
function copyOfBuild(): { bin: string; swPath: string; remove(): void } {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const dir = mkdtempSync(join(root, 'test-results', 'update-flow-'));
  cpSync(join(root, 'bin'), join(dir, 'bin'), { recursive: true });
  for (const part of ['router', 'core', 'emulator', 'app']) cpSync(join(root, 'dist', part), join(dir, 'dist', part), { recursive: true });
  return { bin: join(dir, 'bin', 'ballast.js'), swPath: join(dir, 'dist', 'app', 'sw.js'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

test('a new version waits for the user: the banner offers a reload, and an answer being read when it arrives ends whole', async ({ page }) => {
  const build = copyOfBuild();
  try {
    router = await startRouter([], {}, build.bin);
    await openControlled(page, router.url);
    await expect(page.getByText('A new version of ballast is ready.')).toHaveCount(0);

    // An answer starts streaming through the current worker: its first bytes are read...
    const first = await page.evaluate(async () => {
      const res = await fetch('/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'default', stream: true, messages: [{ role: 'user', content: 'A long answer, please, while the app updates.' }] }),
      });
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      (window as unknown as { inFlight: ReadableStreamDefaultReader<Uint8Array> }).inFlight = reader;
      const { value } = await reader.read();
      return { status: res.status, text: new TextDecoder().decode(value) };
    });
    expect(first.status).toBe(200);
    expect(first.text).toContain('data: ');
    // ...then a new version is deployed and found while the rest is still unread.
    writeFileSync(build.swPath, `${readFileSync(build.swPath, 'utf8')}\n// a new deployment\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect(page.getByRole('status').filter({ hasText: 'A new version of ballast is ready.' })).toBeVisible();
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null)).toBe('installed');

    // The old worker still controls the page, and the answer ends whole.
    const rest = await page.evaluate(async () => {
      const reader = (window as unknown as { inFlight: ReadableStreamDefaultReader<Uint8Array> }).inFlight;
      const decoder = new TextDecoder();
      let text = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return text;
        text += decoder.decode(value, { stream: true });
      }
    });
    expect(`${first.text}${rest}`.trimEnd().endsWith('data: [DONE]')).toBe(true);

    // The user accepts: the waiting worker takes over and the page reloads under it.
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const after = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return { waiting: reg?.waiting ?? null, active: reg?.active?.state ?? null };
    });
    expect(after).toEqual({ waiting: null, active: 'activated' });
    await expect(page.getByText('A new version of ballast is ready.')).toHaveCount(0);
  } finally {
    await router?.kill();
    router = null;
    build.remove();
  }
});
