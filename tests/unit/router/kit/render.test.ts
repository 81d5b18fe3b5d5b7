import { describe, expect, it } from 'vitest';
import { withDefaults } from '../../../../src/core/slo/config.js';
import { emptyTotals } from '../../../../src/core/slo/totals.js';
import { record } from '../../../../src/core/histogram.js';
import type { RollupWindow } from '../../../../src/router/api/rollup-window.js';
import { configSchema } from '../../../../src/router/config/schema.js';
import { KIT_DOCUMENTS, collectKitData, renderHtml, renderMarkdown } from '../../../../src/router/kit/index.js';

const config = configSchema.parse({
  providers: { primary: { kind: 'openai', base_url: 'https://api.openai.com/v1', api_key_env: 'OPENAI_API_KEY' } },
  groups: { default: { deployments: [{ provider: 'primary', model: 'gpt-4o-mini' }] } },
  features: { '<img src=x onerror=alert(1)>': { pin: 'primary' }, '[click](javascript:alert(1))': { guardrails: { max_cost_usd: 0.01 } } },
});
const data = collectKitData({
  config,
  deps: { ledger: { flush: () => 0 }, rollups: { at: () => [] } as unknown as RollupWindow, slo: withDefaults(), now: () => Date.UTC(2026, 0, 2) },
  bypassOn: false,
});

describe('the kit renderer', () => {
  it('renders all six documents with no traffic: "no data", never a number, a generated-at time and the disclaimer', () => {
    expect(KIT_DOCUMENTS).toHaveLength(6);
    for (const doc of KIT_DOCUMENTS) {
      const md = renderMarkdown(doc, data);
      expect(md.startsWith(`# ${doc.title}\n`)).toBe(true);
      expect(md).toContain('Generated 2026-01-02T00:00:00.000Z');
      expect(md.match(/template language, not legal advice/g)?.length).toBe(2);
      expect(md).not.toMatch(/NaN|undefined|null%/);
    }
    const onePager = renderMarkdown(KIT_DOCUMENTS[0]!, data);
    expect(onePager).toContain('| Success rate | ≥ 99.5% | no data | no data | rolling 30-day window (nothing measured yet) | 0 eligible requests (0 sent; none excluded) |');
  });

  it('makes printable HTML in which raw HTML from the config is text and script links are dropped', () => {
    for (const doc of KIT_DOCUMENTS) {
      const html = renderHtml(doc, data);
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain('@media print');
      expect(html).not.toMatch(/<img|<script|href="javascript:/i);
    }
    expect(renderHtml(KIT_DOCUMENTS[1]!, data)).toContain('feature click<');
    const config = renderHtml(KIT_DOCUMENTS[2]!, data);
    expect(config).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('scrubs the secrets it is given from both formats', () => {
    const md = renderMarkdown(KIT_DOCUMENTS[0]!, data, ['api.openai.com']);
    expect(md).not.toContain('api.openai.com');
    expect(renderHtml(KIT_DOCUMENTS[2]!, data, ['gpt-4o-mini'])).not.toContain('gpt-4o-mini');
  });
});

describe('the kit on too little traffic (issue #12)', () => {
  it('prints the figures measured but no verdict: "not enough traffic yet (N of 100)", with what was sent and excluded', () => {
    const now = Date.UTC(2026, 0, 2, 12);
    const minute = Math.floor(now / 60_000) * 60_000 - 60_000;
    const rollup = { minute, tenant: 'default', feature: 'default', provider: 'primary', ...emptyTotals(), eligible: 28, successes: 25, clientErrors: 2, cancelledEarly: 1, costUsd: 0.01 };
    for (let i = 0; i < 25; i++) record(rollup.latency, 400);
    const small = collectKitData({
      config,
      deps: { ledger: { flush: () => 0 }, rollups: { at: () => [rollup] } as unknown as RollupWindow, slo: withDefaults(), now: () => now },
      bypassOn: false,
    });
    const onePager = renderMarkdown(KIT_DOCUMENTS[0]!, small);
    expect(onePager).toMatch(/\| Success rate \| ≥ 99\.5% \| 89\.3% \| not enough traffic yet \(28 of 100 eligible requests\) \|.*\| 28 eligible requests \(31 sent; excluded: 2 client errors, 1 cancelled early\) \|/);
    expect(onePager).not.toMatch(/\*\*MISSED\*\*|\| met \|/);
  });
});
