import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ config: { groups: { default: { strategy: 'ordered' } }, features: { search: {} } } });
});
afterAll(() => stack.close());

const scrape = async () => (await fetch(`${stack.url}/metrics`)).text();
const value = (text: string, line: RegExp) => Number(text.split('\n').find((l) => line.test(l))?.split(' ').at(-1) ?? NaN);

describe('GET /metrics', () => {
  it('counts requests by provider, model, outcome and feature, with a 2.5 s latency bucket', async () => {
    for (let i = 0; i < 5; i++) await (await stack.chat({ messages: [{ role: 'user', content: `m${i}` }] }, { 'x-ballast-feature': 'search' })).arrayBuffer();
    await (await stack.chat({}, { 'x-ballast-feature': 'made-up-feature' })).arrayBuffer();
    const text = await scrape();
    expect(value(text, /^ballast_requests_total\{group="default",provider="primary",model="emulated-gpt-4o-mini",outcome="success",feature="search"\}/)).toBe(5);
    // Unconfigured features are not labels (cardinality): they count as "other".
    expect(value(text, /^ballast_requests_total\{.*feature="other"\}/)).toBe(1);
    expect(text).toMatch(/ballast_request_duration_seconds_bucket\{le="2\.5",provider="primary",outcome="success",stream="false"\} 6/);
    expect(value(text, /^ballast_cost_usd_total\{provider="primary",model="emulated-gpt-4o-mini",feature="search"\}/)).toBeGreaterThan(0);
    expect(value(text, /^ballast_tokens_total\{provider="primary",model="emulated-gpt-4o-mini",kind="output"\}/)).toBeGreaterThan(0);
    expect(text).not.toMatch(/tenant=/);
  });

  it('shows failovers, cooldowns and the bypass switch', async () => {
    await stack.revoke('primary');
    await (await stack.chat({ messages: [{ role: 'user', content: 'after revoke' }] })).arrayBuffer();
    let text = await scrape();
    expect(value(text, /^ballast_failovers_total\{group="default",from="primary",to="secondary"\}/)).toBe(1);
    expect(value(text, /^ballast_provider_cooling_down\{provider="primary"\}/)).toBe(1);
    expect(value(text, /^ballast_bypass_enabled /)).toBe(0);
    await fetch(`${stack.url}/admin/bypass`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"enabled":true}' });
    text = await scrape();
    expect(value(text, /^ballast_bypass_enabled /)).toBe(1);
  });
});
