/**
 * Does a request fit its guardrails on a given deployment? Input tokens are bounded
 * first without a tokenizer (bytes); only a request near a limit is tokenized, so the
 * common case costs microseconds.
 */
import type { ChatRequest } from '../../core/chat.js';
import { worstCaseUsd, type ModelPrice } from '../../core/prices.js';
import { requestedMaxOutput, upperBoundInputTokens } from '../../core/tokens.js';
import { BallastError } from '../http/errors.js';
import type { ProviderKind } from '../providers/types.js';
import type { Guardrails } from './effective-guardrails.js';
import { estimateInputTokens } from './estimate-tokens.js';

export type Limit = 'max_tokens_in' | 'max_cost_usd' | 'budget';

export interface Fit {
  ok: boolean;
  inputTokens: number;
  /** true when inputTokens is the tokenizer's estimate, false when the byte bound */
  estimated: boolean;
  maxOutput: number;
  worstCaseUsd: number;
  /** The first limit broken, when not ok. */
  broken: Limit | null;
}

/**
 * Applies max_tokens_out: a request asking for more is clamped or refused; a request
 * asking for nothing gets the limit, so the provider cannot exceed the worst case.
 */
export function applyOutputLimit(request: ChatRequest, guard: Guardrails): ChatRequest {
  const asked = requestedMaxOutput(request);
  if (asked !== undefined && asked <= guard.maxTokensOut) return request;
  if (asked !== undefined && guard.maxTokensOutAction === 'refuse') {
    throw new BallastError(
      400,
      'invalid_request_error',
      'max_tokens_exceeded',
      `max_tokens ${asked} is above this route's limit of ${guard.maxTokensOut} (guardrails.max_tokens_out); ask for ${guard.maxTokensOut} or fewer.`,
      'max_tokens',
    );
  }
  const field = request.max_completion_tokens !== undefined && request.max_completion_tokens !== null ? 'max_completion_tokens' : 'max_tokens';
  return { ...request, [field]: guard.maxTokensOut };
}

export function fitRequest(request: ChatRequest, kind: ProviderKind, model: string, price: ModelPrice, guard: Guardrails, budgetRemainingUsd: number): Fit {
  const maxOutput = requestedMaxOutput(request) ?? guard.maxTokensOut;
  const check = (inputTokens: number, estimated: boolean): Fit => {
    const worst = worstCaseUsd(inputTokens, maxOutput, price);
    const broken: Limit | null =
      guard.maxTokensIn !== undefined && inputTokens > guard.maxTokensIn
        ? 'max_tokens_in'
        : guard.maxCostUsd !== undefined && worst > guard.maxCostUsd
          ? 'max_cost_usd'
          : worst > budgetRemainingUsd
            ? 'budget'
            : null;
    return { ok: broken === null, inputTokens, estimated, maxOutput, worstCaseUsd: worst, broken };
  };
  const bound = check(upperBoundInputTokens(request), false);
  if (bound.ok) return bound;
  return check(estimateInputTokens(request, kind, model), true);
}
