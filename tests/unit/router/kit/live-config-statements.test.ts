/**
 * Issue #19: the kit said "we are paged" with no notifier configured, and the emulated
 * disclaimer did not say which providers were emulated. Statements follow the config.
 */
import { describe, expect, it } from 'vitest';
import { findPlaceholders } from '../../../../src/core/kit/placeholders.js';
import { withDefaults } from '../../../../src/core/slo/config.js';
import type { RollupWindow } from '../../../../src/router/api/rollup-window.js';
import { configSchema } from '../../../../src/router/config/schema.js';
import { KIT_DOCUMENTS, collectKitData, renderMarkdown } from '../../../../src/router/kit/index.js';

const byId = (id: string) => KIT_DOCUMENTS.find((d) => d.id === id)!;
const base = {
  providers: {
    primary: { kind: 'openai', base_url: 'https://api.openai.com/v1', api_key_env: 'OPENAI_API_KEY' },
    secondary: { kind: 'anthropic', base_url: 'http://127.0.0.1:9/', api_key_env: 'EMU_KEY', emulated: true },
  },
  groups: { default: { deployments: [{ provider: 'primary', model: 'gpt-4o-mini' }, { provider: 'secondary', model: 'claude-haiku-4-5' }] } },
};

function kit(alerting: unknown, providers: unknown = base.providers) {
  const config = configSchema.parse({ ...base, providers, alerting });
  return collectKitData({
    config,
    deps: { ledger: { flush: () => 0 }, rollups: { at: () => [] } as unknown as RollupWindow, slo: withDefaults(), now: () => Date.UTC(2026, 0, 2) },
    bypassOn: false,
  });
}

describe('kit statements follow the live configuration', () => {
  it('makes no paging claim without a notifier, and leaves the operator a placeholder saying what to add', () => {
    const data = kit({});
    const proposal = renderMarkdown(byId('proposal-language'), data);
    expect(proposal).not.toMatch(/are paged/);
    expect(proposal).toMatch(/checked against target every 15 seconds/);
    expect(findPlaceholders(proposal).join(' ')).toMatch(/no notifier is configured.*alerting\.notifiers/);
    const sheet = renderMarkdown(byId('budget-guardrails'), data);
    expect(sheet).not.toMatch(/each pages a human|\| page \|/);
    expect(sheet).toMatch(/recorded; nobody paged \(no notifier\)/);
  });

  it('says who is paged with a webhook notifier, and has no operator placeholder about it', () => {
    const data = kit({ notifiers: { hook: { kind: 'webhook', url_env: 'ALERT_WEBHOOK_URL' } } });
    const proposal = renderMarkdown(byId('proposal-language'), data);
    expect(proposal).toMatch(/We are paged \(webhook\) when latency, success rate or cost drift from target\./);
    expect(findPlaceholders(proposal)).toEqual([]);
    expect(renderMarkdown(byId('budget-guardrails'), data)).toMatch(/\| page hook \(webhook\) \|/);
  });

  it('with alerting off, claims no watching at all', () => {
    const proposal = renderMarkdown(byId('proposal-language'), kit({ enabled: false }));
    expect(proposal).not.toMatch(/are paged|checked against target/);
    expect(findPlaceholders(proposal).join(' ')).toMatch(/alerting is off/);
  });

  it('names the emulated provider, and says nothing of emulation when every provider is real', () => {
    expect(renderMarkdown(byId('slo-one-pager'), kit({}))).toMatch(/secondary is \*\*emulated\*\*/);
    const real = { primary: base.providers.primary, secondary: { ...base.providers.secondary, emulated: false } };
    for (const doc of KIT_DOCUMENTS) expect(renderMarkdown(doc, kit({}, real))).not.toMatch(/\*\*emulated\*\*|\(emulated\)|from the emulator/);
  });
});
