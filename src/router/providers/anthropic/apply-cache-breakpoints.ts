import type { AnthropicCacheControl, AnthropicMessagesRequest } from './anthropic-api.js';

/** Anthropic rejects a request with more explicit cache breakpoints than this. */
export const MAX_CACHE_BREAKPOINTS = 4;

type Ttl = '5m' | '1h';

export interface Breakpoint {
  /** Position in Anthropic's render order: tools, then system, then messages. */
  order: number;
  ttl: Ttl;
}

interface Candidate {
  order: number;
  block: { cache_control?: AnthropicCacheControl };
}

/**
 * Marks the stable prefix for prompt caching: the last tool definition and the last
 * system block get `cache_control`, unless the client already marked them. Client
 * marks are never changed. Ours are dropped, never the client's, when they would
 * exceed Anthropic's limit of 4 breakpoints or break its rule that a 1h breakpoint
 * may not follow a 5m one. Mutates `body`, which the caller has just built.
 *
 * 5m is Anthropic's default TTL, so a 5m mark is sent without `ttl`.
 */
export function applyCacheBreakpoints(body: AnthropicMessagesRequest, ttl: Ttl): void {
  const tools = body.tools ?? [];
  const system = body.system ?? [];
  const client = collectBreakpoints(body);

  const candidates: Candidate[] = [];
  const lastTool = tools.at(-1);
  if (lastTool && !lastTool.cache_control) candidates.push({ order: tools.length - 1, block: lastTool });
  const lastSystem = system.at(-1);
  if (lastSystem && !lastSystem.cache_control) {
    candidates.push({ order: tools.length + system.length - 1, block: lastSystem });
  }

  const allowed = candidates.filter((candidate) => keepsTtlOrder(candidate.order, ttl, client));
  const slots = Math.max(0, MAX_CACHE_BREAKPOINTS - client.length);
  // With too few slots keep the later mark: its prefix includes the earlier one's.
  for (const candidate of allowed.slice(Math.max(0, allowed.length - slots))) {
    candidate.block.cache_control = ttl === '1h' ? { type: 'ephemeral', ttl: '1h' } : { type: 'ephemeral' };
  }
}

/** Every cache_control already in the body (before we add ours: the client's), in render order. */
export function collectBreakpoints(body: AnthropicMessagesRequest): Breakpoint[] {
  const found: Breakpoint[] = [];
  let order = 0;
  const visit = (block: { cache_control?: AnthropicCacheControl }): void => {
    if (block.cache_control) found.push({ order, ttl: block.cache_control.ttl ?? '5m' });
    order += 1;
  };
  body.tools?.forEach(visit);
  body.system?.forEach(visit);
  for (const message of body.messages) {
    for (const block of message.content) {
      if (block.type === 'tool_result' && Array.isArray(block.content)) block.content.forEach(visit);
      visit(block);
    }
  }
  return found;
}

// "Cache entries with longer TTL must appear before shorter TTLs" (prompt caching docs).
function keepsTtlOrder(order: number, ttl: Ttl, client: readonly Breakpoint[]): boolean {
  return client.every((mark) =>
    mark.order < order ? !(ttl === '1h' && mark.ttl === '5m') : !(ttl === '5m' && mark.ttl === '1h'),
  );
}
