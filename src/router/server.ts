/**
 * The HTTP surface: a small route table in front of the request pipeline and the
 * operator endpoints. Errors anywhere end in the OpenAI envelope.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAdmin, handleBypass, handleState, routerState } from './admin.js';
import { BallastError, notFound } from './http/errors.js';
import { sendError, sendJson, toBallastError } from './http/respond.js';
import { handleChatCompletions } from './pipeline.js';
import { serveApp } from './http/static-app.js';
import { applyCors } from './http/cors.js';
import { handleSloApi, type SloApiDeps } from './api/slo.js';
import { handleSloSeries } from './api/slo-series.js';
import { RollupWindow } from './api/rollup-window.js';
import { handleAlertsApi } from './alerting/index.js';
import { handleRequestsApi } from './api/requests.js';
import type { Ledger } from './ledger/index.js';
import { handleKitIndex, kitDocumentRoutes } from './kit/kit-api.js';
import type { Runtime } from './runtime.js';
import { drillRoute } from './drill/drills-api.js';

type Handler = (req: IncomingMessage, res: ServerResponse, rt: Runtime) => Promise<void> | void;

const routes: Record<string, Handler> = {
  'POST /v1/chat/completions': handleChatCompletions,
  'GET /v1/models': (_req, res, rt) => sendJson(res, 200, listModels(rt)),
  'GET /healthz': (_req, res, rt) => sendJson(res, 200, { status: 'ok', ...routerState(rt) }),
  'GET /metrics': async (_req, res, rt) => {
    const body = await rt.metrics.registry.metrics();
    res.writeHead(200, { 'content-type': rt.metrics.registry.contentType });
    res.end(body);
  },
  // Both span every tenant: operator views, gated like /admin.
  'GET /api/slo': (req, res, rt) => {
    checkAdmin(req, rt);
    handleSloApi(req, res, sloDepsOf(rt));
  },
  'GET /api/slo/series': (req, res, rt) => {
    checkAdmin(req, rt);
    const ledger = ledgerOf(rt);
    rt.rollupWindow ??= new RollupWindow(ledger, rt.slo.window_days * 86_400_000); // shared with /api/slo
    handleSloSeries(req, res, { ledger, rollups: rt.rollupWindow, slo: rt.slo });
  },
  'GET /api/alerts': (req, res, rt) => {
    checkAdmin(req, rt);
    if (!rt.alerting) throw new BallastError(404, 'invalid_request_error', 'alerting_off', 'Alerting is off (alerting.enabled: false).');
    handleAlertsApi(req, res, rt.alerting);
  },
  'GET /api/requests': (req, res, rt) => {
    checkAdmin(req, rt);
    return handleRequestsApi(req, res, ledgerOf(rt));
  },
  'GET /api/kit': (req, res, rt) => {
    checkAdmin(req, rt);
    handleKitIndex(req, res, rt, sloDepsOf(rt));
  },
  ...kitDocumentRoutes((rt) => sloDepsOf(rt), checkAdmin),
  'POST /admin/bypass': handleBypass,
  'GET /admin/state': handleState,
};

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export function createRouterServer(rt: Runtime): Server {
  const server = createServer((req, res) => {
    if (applyCors(req, res, rt.config.server.cors_origins)) return;
    const path = (req.url ?? '/').split('?')[0];
    const handler = routes[`${req.method} ${path}`] ?? drillRoute(req.method ?? '', path ?? '/');
    if (!handler) {
      if ((req.method === 'GET' || req.method === 'HEAD') && !path?.startsWith('/v1/') && serveApp(req, res)) return;
      const known = Object.keys(routes).some((r) => r.endsWith(` ${path}`));
      const err = known
        ? new BallastError(405, 'invalid_request_error', 'method_not_allowed', `${req.method} is not allowed on ${path}.`)
        : notFound(`No route ${req.method} ${path}; the API is POST /v1/chat/completions and GET /v1/models.`);
      req.resume();
      sendError(res, err, '');
      return;
    }
    // async wrapper: a handler that throws synchronously still ends in the envelope
    (async () => handler(req, res, rt))().catch((err: unknown) => {
      const error = toBallastError(err);
      if (error === null) return;
      if (error.code === 'internal_error') rt.log.error('internal_error', { path, error: String((err as Error)?.stack ?? err) });
      sendError(res, error, '');
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

export async function listen(server: Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const h = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return `http://${h}:${addr.port}`;
}

/** What the SLO engine reads: /api/slo and the kit share it, so their figures agree. */
export function sloDepsOf(rt: Runtime): SloApiDeps {
  const ledger = ledgerOf(rt);
  rt.rollupWindow ??= new RollupWindow(ledger, rt.slo.window_days * 86_400_000);
  const alerting = rt.alerting;
  return { ledger, rollups: rt.rollupWindow, slo: rt.slo, ...(alerting ? { alerts: () => alerting.currentStates() } : {}) };
}

function ledgerOf(rt: Runtime): Ledger {
  if (!rt.ledger) throw new BallastError(503, 'server_error', 'ledger_unavailable', 'The request ledger is not open.');
  return rt.ledger;
}

function listModels(rt: Runtime) {
  const created = Math.floor(rt.startedAt / 1000);
  return {
    object: 'list',
    data: Object.entries(rt.config.groups).map(([id, g]) => ({
      id,
      object: 'model',
      created,
      owned_by: 'ballast',
      deployments: g.deployments.map((d) => ({ provider: d.provider, model: d.model, weight: d.weight })),
    })),
  };
}
