/** (d) The cache recipe: the router's write-through cache, the travel-mode cache, provider prompt caching. */
import { windowFigures } from '../figures.js';
import { formatCount, formatUsdAmount, requests } from '../format.js';
import type { KitData } from '../kit-data.js';
import type { KitDocument } from './types.js';

/**
 * The travel cache's defaults as the PWA ships them (sw/entry-store.ts DEFAULT_LIMITS,
 * src/app/travel-protocol.ts DEFAULT_SETTINGS). The router cannot import the worker's
 * code; tests/unit/router/kit/cache-recipe.test.ts fails if these drift.
 */
export const TRAVEL_DEFAULTS = { maxEntries: 10_000, maxBytes: 64 * 1024 * 1024, networkTimeoutMs: 8000, cacheFirstForRepeats: false } as const;

const POLICY_WORDS: Record<string, string> = {
  fallback: 'fallback: served only when every provider failed, or as the last rung of the degradation ladder',
  repeat: 'repeat: a fresh stored answer is served without calling a provider; also the fallback',
  off: 'off: nothing is stored or served',
};

function render(d: KitData): string {
  const c = d.config.cache;
  const r = d.report.rolling;
  const features = Object.entries(d.config.features).filter(([, f]) => f.cache);
  const anthropic = Object.entries(d.config.providers).flatMap(([name, p]) => (p.kind === 'anthropic' ? [[name, p] as const] : []));
  const cost = windowFigures(r, d.report.targets, d.rollingWords)[2];
  return `## 1. Router cache (write-through, on the router)

Every successful answer is written to the cache, keyed on the normalized request and
its prompt version (\`x-ballast-prompt-version\`), per tenant and model group.

| setting | value |
|---|---|
| policy | ${POLICY_WORDS[c.policy] ?? c.policy} |
| fresh for (\`ttl_s\`) | ${formatCount(c.ttl_s)} s |
| kept for (\`max_age_days\`) | ${c.max_age_days} days |
| store | SQLite, ${c.path === ':memory:' ? 'in memory' : `\`${c.path}\``} |
${features.map(([name, f]) => `| feature ${name} | policy ${f.cache?.policy ?? c.policy}, fresh for ${formatCount(f.cache?.ttl_s ?? c.ttl_s)} s |`).join('\n')}

Per request: \`x-ballast-cache: no-store\` (do not store this answer), \`refresh\` (do not
serve a stored answer, store the new one). Answers say \`x-ballast-cache: hit\` or \`miss\`.

Measured (${d.rollingWords}): ${requests(r.cacheHits, 'cache hit')} of ${requests(r.eligible, 'eligible request')}${r.cacheHitRate === null ? '' : ` (${(r.cacheHitRate * 100).toFixed(2)}%)`}, ${formatUsdAmount(r.costSavedUsd)} of provider cost saved.${cost ? ` Average cost per request: ${cost.value} (target ${cost.target}, ${cost.verdict === 'missed' ? '**MISSED**' : (cost.verdictNote ?? cost.verdict)}).` : ''}

## 2. Travel-mode cache (in the browser, for airports and café wifi)

The ballast PWA's service worker keeps its own IndexedDB write-through cache in front of
the router: when the network fails, a prompt this device has seen is still answered.

| setting (per device, Travel cache page) | default |
|---|---|
| wait for the network before answering from the cache | ${formatCount(TRAVEL_DEFAULTS.networkTimeoutMs)} ms |
| answer repeated prompts from the cache first | ${TRAVEL_DEFAULTS.cacheFirstForRepeats ? 'on' : 'off'} |
| entries kept (least recently used evicted) | ${formatCount(TRAVEL_DEFAULTS.maxEntries)} |
| bytes kept | ${TRAVEL_DEFAULTS.maxBytes / 1024 / 1024} MiB |

## 3. Provider prompt caching

${anthropic.length === 0 ? 'No Anthropic provider is configured: nothing to mark.' : anthropic.map(([name, p]) => `- ${name}: stable blocks (system instructions, tool definitions) are marked for Anthropic prompt caching with a ${p.cache_ttl ?? '5m'} TTL${p.cache_ttl ? '' : ' (the default; `cache_ttl: 1h` for an hour)'}.`).join('\n')}

Cache reads and writes are priced apart in the cost figures.

## Recipe

1. Keep \`policy: fallback\` for answers that must be fresh; use \`repeat\` for features whose prompts repeat (FAQs, classifications) and set their \`ttl_s\`.
2. Bump \`x-ballast-prompt-version\` when a prompt template changes: old answers stop matching.
3. Put stable instructions and tool definitions first so the provider's prompt cache can hold them.
4. Watch the hit rate and the cost saved above; 60% and more is common on repetitive prompts.
`;
}

export const cacheRecipe: KitDocument = {
  id: 'cache-recipe',
  title: 'Cache recipe',
  summary: 'Router cache and travel-mode cache settings, provider prompt caching, measured hit rate.',
  render,
};
