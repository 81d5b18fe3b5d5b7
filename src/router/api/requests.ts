/**
 * GET /api/requests: the ledger, newest first, paged.
 *
 *   GET /api/requests?limit=50&tenant=acme&outcome=provider_error
 *   -> 200 {"data":[{request_id, time, tenant, ...}], "next_cursor":"czEyMzQ" | null}
 *   GET /api/requests?cursor=czEyMzQ   the next (older) page, same filters
 *
 * Bad parameters get a 400 in the OpenAI error envelope naming the parameter.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Outcome } from '../context.js';
import { invalidRequest, type BallastError } from '../http/errors.js';
import { sendError, sendJson } from '../http/respond.js';
import type { Ledger } from '../ledger/ledger.js';
import { decodeCursor, DEFAULT_LIMIT, MAX_LIMIT, type ListRequestsOptions } from '../ledger/queries.js';
import { OUTCOMES } from '../ledger/row.js';

const PARAMS = ['limit', 'cursor', 'tenant', 'feature', 'provider', 'outcome'] as const;
const TAG = /^[A-Za-z0-9._:-]{1,64}$/;
const PROVIDER = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export async function handleRequestsApi(req: IncomingMessage, res: ServerResponse, ledger: Pick<Ledger, 'listRequests'>): Promise<void> {
  const parsed = parseRequestsQuery(req.url ?? '/');
  if ('error' in parsed) {
    sendError(res, parsed.error, '');
    return;
  }
  const page = ledger.listRequests(parsed.options);
  sendJson(res, 200, { data: page.data, next_cursor: page.next_cursor }, { 'cache-control': 'no-store' });
}

/** The query string -> listRequests options, or the 400 to answer. */
export function parseRequestsQuery(url: string): { options: ListRequestsOptions } | { error: BallastError } {
  const query = new URL(url, 'http://ballast.invalid').searchParams;
  const bad = (message: string, param: string) => ({ error: invalidRequest(message, param, 'invalid_parameter') });
  const options: ListRequestsOptions = {};
  for (const name of new Set(query.keys())) {
    if (!(PARAMS as readonly string[]).includes(name)) return bad(`Unknown query parameter "${name}"; use ${PARAMS.join(', ')}.`, name);
    if (query.getAll(name).length > 1) return bad(`Give "${name}" once.`, name);
  }
  const limit = query.get('limit');
  if (limit !== null) {
    const n = /^[0-9]{1,4}$/.test(limit) ? Number(limit) : NaN;
    if (!(n >= 1 && n <= MAX_LIMIT)) return bad(`limit must be a whole number from 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT}).`, 'limit');
    options.limit = n;
  }
  const cursor = query.get('cursor');
  if (cursor !== null) {
    if (decodeCursor(cursor) === null) return bad('cursor is not one this endpoint gave out; pass the previous answer\'s next_cursor unchanged, or omit it for the newest requests.', 'cursor');
    options.before = cursor;
  }
  const tenant = query.get('tenant');
  if (tenant !== null) {
    if (tenant.length < 1 || tenant.length > 256) return bad('tenant must be a tenant name (1 to 256 characters).', 'tenant');
    options.tenant = tenant;
  }
  const feature = query.get('feature');
  if (feature !== null) {
    if (!TAG.test(feature)) return bad('feature must be 1-64 letters, digits, or . _ : - (as in x-ballast-feature).', 'feature');
    options.feature = feature;
  }
  const provider = query.get('provider');
  if (provider !== null) {
    if (!PROVIDER.test(provider)) return bad('provider must be a provider name from the config (lowercase letters, digits, - and _).', 'provider');
    options.provider = provider;
  }
  const outcome = query.get('outcome');
  if (outcome !== null) {
    if (!(OUTCOMES as readonly string[]).includes(outcome)) return bad(`outcome must be one of ${OUTCOMES.join(', ')}.`, 'outcome');
    options.outcome = outcome as Outcome;
  }
  return { options };
}
