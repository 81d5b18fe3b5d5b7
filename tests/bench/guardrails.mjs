// Guardrail cost per request on a 4k-token prompt: the fit check (output clamp, token
// bound or tokenizer, worst-case cost, budget headroom) as the request path runs it.
// Usage: npm run build && node tests/bench/guardrails.mjs
import { DEFAULT_PRICES } from '../../dist/core/prices.js';
import { applyOutputLimit, fitRequest } from '../../dist/router/guard/fit-request.js';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

const words = 'the router holds its course through calm water with measured words for every request steady ballast keeps the ship upright when providers fail'.split(' ');
let text = '';
for (let i = 0; countTokens(text) < 4000; i++) text += `${words[(i * 7) % words.length]} ${i % 13 === 0 ? '\n' : ''}`;
const request = { model: 'default', max_tokens: 500, messages: [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content: text }] };
const price = DEFAULT_PRICES['gpt-4o-mini'];
const tokens = countTokens(text);

function run(label, guard, budget, n = 20000) {
  const times = new Float64Array(n);
  let sink = 0;
  for (let i = 0; i < 2000; i++) sink += fitRequest(applyOutputLimit(request, guard), 'openai', price, guard, budget).worstCaseUsd; // warm-up
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const fit = fitRequest(applyOutputLimit(request, guard), 'openai', price, guard, budget);
    times[i] = Number(process.hrtime.bigint() - t0) / 1e6;
    sink += fit.worstCaseUsd;
  }
  times.sort();
  const q = (p) => times[Math.min(n - 1, Math.ceil(p * n) - 1)];
  const fit = fitRequest(applyOutputLimit(request, guard), 'openai', price, guard, budget);
  console.log(`${label.padEnd(52)} p50 ${q(0.5).toFixed(4)} ms   p99 ${q(0.99).toFixed(4)} ms   ${fit.estimated ? 'tokenized' : 'byte bound'}   ok=${fit.ok}   (${sink > 0 ? '' : '!'})`);
  return q(0.99);
}

const base = { maxTokensIn: undefined, maxTokensOut: 4096, maxTokensOutAction: 'clamp', degrade: [] };
console.log(`Prompt: ${tokens} tokens (o200k), ${text.length} characters; node ${process.version}; ${new Date().toISOString().slice(0, 10)}\n`);
const far = run('far from every limit (cap $0.05, budget $10 left)', { ...base, maxCostUsd: 0.05 }, 10);
run('no cap, no budget', { ...base, maxCostUsd: undefined }, Infinity);
const near = run('near the cap (byte bound over it, tokens under)', { ...base, maxCostUsd: ((tokens + 200) * price.input + 500 * price.output) / 1e6 }, Infinity, 2000);
run('over the cap (refused or degraded)', { ...base, maxCostUsd: 0.0001 }, Infinity, 2000);
console.log(`\nTarget: guardrails add <= 0.1 ms p99 on a 4k-token prompt.`);
console.log(`  common case (far from limits): ${far <= 0.1 ? 'PASS' : 'MISS'} (${far.toFixed(4)} ms)`);
console.log(`  near a limit, tokenizer needed: ${near <= 0.1 ? 'PASS' : 'MISS'} (${near.toFixed(4)} ms): exact counting of 4k tokens costs this much whatever the library`);
