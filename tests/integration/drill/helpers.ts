/**
 * Drill test helpers: admin calls with the token, and a small steady client loop that
 * records what every request got.
 */
export const ADMIN_TOKEN = 'adm-drill-test-5f2c9a71e0b4';

export function admin(base: string, token: string | null = ADMIN_TOKEN) {
  const call = async (method: string, path: string, body?: unknown, raw?: string) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined || raw !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
    const text = await res.text();
    return { status: res.status, text, json: (text.startsWith('{') ? JSON.parse(text) : null) as any, headers: res.headers };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body),
    raw: (path: string, raw: string) => call('POST', path, undefined, raw),
  };
}

export interface Sent {
  status: number;
  provider: string | null;
  startedAt: number;
  ms: number;
}

/** Sends requests back to back on `concurrency` lanes until stop() is called. */
export function clientLoop(base: string, concurrency = 2) {
  const sent: Sent[] = [];
  let running = true;
  const lane = async (n: number) => {
    let i = 0;
    while (running) {
      const startedAt = Date.now();
      const t0 = performance.now();
      const res = await fetch(`${base}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ballast-cache': 'no-store' },
        body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: `drill traffic lane ${n} #${i++}` }] }),
      });
      await res.arrayBuffer();
      sent.push({ status: res.status, provider: res.headers.get('x-ballast-provider'), startedAt, ms: performance.now() - t0 });
    }
  };
  const lanes = Array.from({ length: concurrency }, (_, n) => lane(n));
  return {
    sent,
    async stop() {
      running = false;
      await Promise.all(lanes);
    },
  };
}
