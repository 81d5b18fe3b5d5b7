/**
 * Issue #11, defect 1: one anonymous request with a malformed percent-escape killed the
 * router (URIError thrown outside every handler's error boundary). Run against the real
 * process, so "the process never exits" is what is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRouter, type RouterProcess } from '../../e2e/router-process.js';
import { envelopeOf, rawRequest } from './raw-http.js';

let router: RouterProcess;
beforeAll(async () => {
  router = await startRouter();
});
afterAll(() => router.stop());

const MALFORMED: Array<[string, string]> = [
  ['GET', '/%'],
  ['GET', '/%ZZ'],
  ['GET', '/x%'],
  ['GET', '/api/kit/%E0.md'],
  ['POST', '/admin/providers/%E0/revoke'],
  ['GET', '/admin/drills/%ZZ'],
  ['HEAD', '/assets/%E0%A4%A.js'],
];

describe('regression: a malformed percent-escape in the path crashed the router (URIError)', () => {
  it.each(MALFORMED)('%s %s -> a 4xx in the envelope, and the router keeps serving', async (method, path) => {
    const res = await rawRequest(router.url, method, path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    if (method !== 'HEAD') {
      const error = envelopeOf(res.text);
      expect(error).not.toBeNull();
      expect(res.text).not.toMatch(/URIError|at .*\.js:\d+/);
    }
    expect(router.child.exitCode).toBeNull();
    const live = await rawRequest(router.url, 'GET', '/livez');
    expect(live.status).toBe(200);
  });

  it('a malformed escape in an app path is a 400 naming the problem', async () => {
    const res = await rawRequest(router.url, 'GET', '/%');
    expect(res.status).toBe(400);
    expect(envelopeOf(res.text)?.code).toBe('invalid_path');
  });
});
