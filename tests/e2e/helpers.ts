import { expect, type Page, type Response } from '@playwright/test';

/** A chat completion the page sent (for page.waitForResponse). */
export const isChat = (r: Response) => r.url().endsWith('/v1/chat/completions') && r.request().method() === 'POST';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  ms: number;
}

/** Sends a chat request with fetch from the page (so it goes through the service worker). */
export function ask(page: Page, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  return page.evaluate(
    async ({ body, headers }) => {
      const t0 = performance.now();
      const res = await fetch('/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      const text = await res.text();
      const h: Record<string, string> = {};
      res.headers.forEach((v, k) => (h[k] = v));
      return { status: res.status, headers: h, text, ms: performance.now() - t0 };
    },
    { body, headers },
  );
}

export const prompt = (content: string, extra: Record<string, unknown> = {}) => ({ model: 'default', messages: [{ role: 'user', content }], ...extra });

/** The text and finish reason an SSE answer carried; fails unless it ended with data: [DONE]. */
export function sseAnswer(text: string): { id: string; content: string; finish: string | null } {
  const data = text
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => l.slice(6));
  expect(data.at(-1)).toBe('[DONE]');
  let content = '';
  let finish: string | null = null;
  let id = '';
  for (const d of data.slice(0, -1)) {
    const chunk = JSON.parse(d) as { id: string; choices: Array<{ delta: { content?: string }; finish_reason: string | null }> };
    id ||= chunk.id;
    content += chunk.choices[0]?.delta.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  return { id, content, finish };
}

/** First visit: the worker installs, claims the page, and the page is controlled. */
export async function openControlled(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.evaluate(() => navigator.serviceWorker.ready);
}

/** The number of stored answers, read through the page's travel client. */
export function storedCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { ballast: { travel: { list(): Promise<{ total: number }> } } }).ballast.travel.list().then((p) => p.total));
}

export function travelCall<T>(page: Page, method: string, arg?: unknown): Promise<T> {
  return page.evaluate(
    ({ method, arg }) => (window as unknown as { ballast: { travel: Record<string, (a?: unknown) => Promise<unknown>> } }).ballast.travel[method]!(arg),
    { method, arg },
  ) as Promise<T>;
}
