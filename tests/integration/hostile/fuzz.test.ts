/**
 * Issue #11's fuzz suite, against the real process: paths, headers and bodies from
 * fast-check (bounded to run in well under a minute). Whatever arrives, the process
 * never exits, every error is in the OpenAI envelope with no stack, and no 5xx is ballast's
 * own: the only 5xx allowed is a provider's (every provider failed).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRouter, type RouterProcess } from '../../e2e/router-process.js';
import { envelopeOf, rawRequest, type RawResponse } from './raw-http.js';

let router: RouterProcess;
beforeAll(async () => {
  router = await startRouter();
});
afterAll(() => router.stop());

const STACK = /\bat [\w.<>]+ \(|\.(js|ts):\d+:\d+|node:internal|TypeError|RangeError|ReferenceError|URIError/;

function expectHandled(res: RawResponse, method: string): void {
  expect(router.child.exitCode).toBeNull();
  expect(router.child.signalCode).toBeNull();
  expect(res.text).not.toMatch(STACK);
  if (res.status >= 500) {
    // only a provider may fail a request with a 5xx, and it says which
    expect([502, 503]).toContain(res.status);
    expect(envelopeOf(res.text)?.code).toBe('all_providers_failed');
  }
  const isApp = typeof res.headers['content-type'] === 'string' && !res.headers['content-type'].startsWith('application/json');
  if (res.status >= 400 && method !== 'HEAD' && !isApp) expect(envelopeOf(res.text)).not.toBeNull();
}

const pathChar = fc.constantFrom(...'abcxyz019/._-~%?&=#:@!$\'()*+,;'.split(''), '%E0', '%ZZ', '%00', '%2F', '%C3%A9', '..', '//');
const knownPrefix = fc.constantFrom('/', '/v1/', '/v1/chat/completions', '/api/', '/api/kit/', '/api/slo', '/admin/', '/admin/drills/', '/admin/providers/', '/assets/', '/healthz', '/metrics', '/livez');
const path = fc.tuple(knownPrefix, fc.array(pathChar, { maxLength: 12 })).map(([p, rest]) => p + rest.join(''));
const method = fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH');

const headerValue = fc.oneof(fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')), fc.constantFrom('constructor', '__proto__', 'toString', 'valueOf', 'primary', 'secondary', '', 'x'.repeat(200)));
const headers = fc.record(
  {
    'x-ballast-feature': headerValue,
    'x-ballast-pin': headerValue,
    'x-ballast-prompt-version': headerValue,
    'x-ballast-cache': headerValue,
    authorization: headerValue.map((v) => `Bearer ${v}`),
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
  },
  { requiredKeys: [] },
).map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== '')));

const anyJson = fc.jsonValue({ maxDepth: 4 });
const message = fc.record({ role: fc.oneof(fc.constantFrom('user', 'system', 'assistant', 'tool', 'developer'), fc.string({ maxLength: 8 })), content: fc.oneof(fc.string({ maxLength: 60 }), anyJson) }, { requiredKeys: [] });
const chatBody = fc.record(
  {
    model: fc.oneof(fc.constant('default'), fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty'), fc.string({ maxLength: 10 })),
    messages: fc.oneof(fc.array(message, { maxLength: 4 }), anyJson),
    stream: fc.oneof(fc.boolean(), anyJson),
    max_tokens: fc.oneof(fc.integer({ min: -5, max: 300 }), anyJson),
    temperature: fc.oneof(fc.double({ noNaN: true, min: -3, max: 5 }), anyJson),
    tools: anyJson,
    constructor: anyJson,
    x_extra: anyJson,
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  { weight: 6, arbitrary: chatBody.map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  // "__proto__" as an own key, as JSON.parse makes it (an object literal would set the prototype instead)
  { weight: 1, arbitrary: anyJson.map((v) => `{"model":"default","__proto__":${JSON.stringify(v)},"messages":[{"role":"user","content":"hi","__proto__":{"x":1}}]}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }).map((n) => `{"model":"default","messages":[{"role":"user","content":"x"}],"x":${'['.repeat(n)}${']'.repeat(n)}}`) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a).toString('latin1')) },
);

describe('fuzzing the real router: it never exits, never answers a 5xx of its own, never shows a stack', () => {
  it('paths and methods', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, async (m, p) => {
        expectHandled(await rawRequest(router.url, m, p), m);
      }),
      { numRuns: 250 },
    );
  });

  it('chat-completions bodies and headers', async () => {
    await fc.assert(
      fc.asyncProperty(body, headers, async (b, h) => {
        expectHandled(await rawRequest(router.url, 'POST', '/v1/chat/completions', h, b), 'POST');
      }),
      { numRuns: 300 },
    );
  });

  it('the router still answers a plain request afterwards', async () => {
    const res = await rawRequest(router.url, 'POST', '/v1/chat/completions', { 'content-type': 'application/json' }, JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'hi' }] }));
    expect(res.status).toBe(200);
  });
});
