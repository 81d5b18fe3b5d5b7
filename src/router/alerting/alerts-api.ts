/**
 * GET /api/alerts: the alerts now, their recent transitions, and the outbox.
 *
 *   GET /api/alerts?limit=20&alert=success&since=2024-06-10T00:00:00Z
 *   -> 200 {"alerts":[{alert, phase, fired_at, value, threshold, ...}],
 *           "history":[{alert, from, to, at, value, threshold, eligible, window, paged, note}],
 *           "outbox":{"pending":0,"delivered":12,"failed":1,"recent_failures":[{notifier, page_id, error, ...}]}}
 *
 * Bad parameters get a 400 in the OpenAI error envelope naming the parameter.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AlertName } from '../../core/slo/config.js';
import { invalidRequest, type BallastError } from '../http/errors.js';
import { sendError, sendJson } from '../http/respond.js';
import { HISTORY_DEFAULT_LIMIT, HISTORY_MAX_LIMIT, type HistoryQuery } from './alert-history.js';
import type { Alerting } from './start-alerting.js';

const PARAMS = ['limit', 'alert', 'since'] as const;
const ALERTS: readonly AlertName[] = ['latency', 'success', 'cost', 'burn_rate'];
const RECENT_FAILURES = 20;

export function handleAlertsApi(req: IncomingMessage, res: ServerResponse, alerting: Pick<Alerting, 'currentStates' | 'history' | 'outbox'>): void {
  const parsed = parseAlertsQuery(req.url ?? '/');
  if ('error' in parsed) {
    sendError(res, parsed.error, '');
    return;
  }
  sendJson(res, 200, alertsBody(alerting, parsed.query), { 'cache-control': 'no-store' });
}

/** The answer's body, for a caller with its own HTTP layer. */
export function alertsBody(alerting: Pick<Alerting, 'currentStates' | 'history' | 'outbox'>, query: HistoryQuery = {}): Record<string, unknown> {
  const failures = alerting.outbox.list({ status: 'failed', limit: RECENT_FAILURES });
  return {
    alerts: alerting.currentStates(),
    history: alerting.history(query).map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
    outbox: {
      ...alerting.outbox.counts(),
      recent_failures: failures.map((r) => ({
        notifier: r.notifier,
        page_id: r.page.id,
        alert: r.page.alert,
        state: r.page.state,
        attempts: r.attempts,
        failed_at: r.doneAt === null ? null : new Date(r.doneAt).toISOString(),
        error: r.lastError,
      })),
    },
  };
}

/** The query string -> history options, or the 400 to answer. */
export function parseAlertsQuery(url: string): { query: HistoryQuery } | { error: BallastError } {
  const params = new URL(url, 'http://ballast.invalid').searchParams;
  const bad = (message: string, param: string) => ({ error: invalidRequest(message, param, 'invalid_parameter') });
  const query: HistoryQuery = {};
  for (const name of new Set(params.keys())) {
    if (!(PARAMS as readonly string[]).includes(name)) return bad(`Unknown query parameter "${name}"; use ${PARAMS.join(', ')}.`, name);
    if (params.getAll(name).length > 1) return bad(`Give "${name}" once.`, name);
  }
  const limit = params.get('limit');
  if (limit !== null) {
    const n = /^[0-9]{1,4}$/.test(limit) ? Number(limit) : NaN;
    if (!(n >= 1 && n <= HISTORY_MAX_LIMIT)) return bad(`limit must be a whole number from 1 to ${HISTORY_MAX_LIMIT} (default ${HISTORY_DEFAULT_LIMIT}).`, 'limit');
    query.limit = n;
  }
  const alert = params.get('alert');
  if (alert !== null) {
    if (!(ALERTS as readonly string[]).includes(alert)) return bad(`alert must be one of ${ALERTS.join(', ')}.`, 'alert');
    query.alert = alert as AlertName;
  }
  const since = params.get('since');
  if (since !== null) {
    const ms = /^[0-9]{1,15}$/.test(since) ? Number(since) : Date.parse(since);
    if (Number.isNaN(ms)) return bad('since must be an ISO 8601 time (2024-06-10T00:00:00Z) or epoch milliseconds.', 'since');
    query.since = ms;
  }
  return { query };
}
