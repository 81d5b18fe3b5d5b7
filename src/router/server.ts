/**
 * The HTTP surface: a small route table in front of the request pipeline and the
 * operator endpoints. Errors anywhere end in the OpenAI envelope.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAdmin, checkMetrics, handleBypass, handleState, routerState } from './admin.js';
import { BallastError, notFound } from './http/errors.js';
import { sendError, sendJson, toBallastError } from './http/respond.js';
import { handleChatCompletions } from './pipeline.js';
import { rawPathOf } from './http/decode-path.js';
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

/** Exact routes, keyed "METHOD /path" (a Map: a client's path never reaches a prototype). */
const routes = new Map<string, Handler>([
  ['POST /v1/chat/completions', handleChatCompletions],
  ['GET /v1/models', (req, res, rt) => {
    rt.tenants.resolve(req.headers.authorization); // the list names the groups: tenants only
    sendJson(res, 200, listModels(rt));
  }],
  // Liveness for load balancers and probes: says the process answers, nothing else.
  ['GET /livez', (_req, res) => sendJson(res, 200, { status: 'ok' })],
  ['GET /healthz', (_req, res, rt) => sendJson(res, 200, { status: 'ok', ...routerState(rt) })],
  ['GET /metrics', async (_req, res, rt) => {
    const body = await rt.metrics.registry.metrics();
    res.writeHead(200, { 'content-type': rt.metrics.registry.contentType });
    res.end(body);
  }],
  ['GET /api/slo', (req, res, rt) => handleSloApi(req, res, sloDepsOf(rt))],
  ['GET /api/slo/series', (req, res, rt) => {
    const deps = sloDepsOf(rt);
    handleSloSeries(req, res, { ledger: deps.ledger as Ledger, rollups: deps.rollups, slo: rt.slo });
  }],
  ['GET /api/alerts', (req, res, rt) => {
    if (!rt.alerting) throw new BallastError(404, 'invalid_request_error', 'alerting_off', 'Alerting is off (alerting.enabled: false).');
    handleAlertsApi(req, res, rt.alerting);
  }],
  ['GET /api/requests', (req, res, rt) => handleRequestsApi(req, res, ledgerOf(rt))],
  ['GET /api/kit', (req, res, rt) => handleKitIndex(req, res, rt, sloDepsOf(rt))],
  ...Object.entries(kitDocumentRoutes((rt) => sloDepsOf(rt), checkAdmin)),
  ['POST /admin/bypass', handleBypass],
  ['GET /admin/state', handleState],
]);

/**
 * Who may call a path, decided here once by prefix rather than in each handler: every
 * view that spans tenants, shows providers' state or changes routing is the operator's.
 */
function guardOf(path: string): ((req: IncomingMessage, rt: Runtime) => void) | null {
  if (path === '/metrics') return checkMetrics;
  if (path.startsWith('/admin/') || path.startsWith('/api/') || path === '/healthz') return checkAdmin;
  return null;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export function createRouterServer(rt: Runtime): Server {
  const { max_connections, request_timeout_ms } = rt.config.server;
  // Node checks request timeouts on an interval (30 s by default): check often enough to honour a short one.
  const connectionsCheckingInterval = Math.min(30_000, Math.max(250, Math.floor(request_timeout_ms / 4)));
  const server = createServer({ connectionsCheckingInterval }, (req, res) => {
    void dispatch(req, res, rt);
  });
  // Bounds a client cannot stretch: open sockets, and the time to send a whole request
  // (headers and body; a slowloris is cut at this). Answers, streams included, are not bound by it.
  server.maxConnections = max_connections;
  server.requestTimeout = request_timeout_ms;
  server.headersTimeout = request_timeout_ms;
  server.keepAliveTimeout = 65_000;
  return server;
}

/**
 * Finds the route and runs it. Everything a request can make ballast do, the match and
 * every decode included, runs inside this one error boundary: whatever goes wrong ends
 * in the envelope for this request and never reaches the process.
 */
async function dispatch(req: IncomingMessage, res: ServerResponse, rt: Runtime): Promise<void> {
  const path = rawPathOf(req.url);
  try {
    if (applyCors(req, res, rt.config.server.cors_origins)) return;
    const method = req.method ?? 'GET';
    const handler = routes.get(`${method} ${path}`) ?? drillRoute(method, path);
    if (!handler) {
      if ((method === 'GET' || method === 'HEAD') && !path.startsWith('/v1/') && serveApp(req, res)) return;
      req.resume();
      throw noRoute(method, path);
    }
    guardOf(path)?.(req, rt);
    await handler(req, res, rt);
  } catch (err) {
    const error = toBallastError(err);
    if (error === null) return;
    if (error.code === 'internal_error') rt.log.error('internal_error', { path, error: String((err as Error)?.stack ?? err) });
    req.resume(); // an unread body must not hold the connection
    sendError(res, error, '');
  }
}

function noRoute(method: string, path: string): BallastError {
  const known = [...routes.keys()].some((r) => r.endsWith(` ${path}`));
  return known
    ? new BallastError(405, 'invalid_request_error', 'method_not_allowed', `${method} is not allowed on ${path}.`)
    : notFound(`No route ${method} ${path}; the API is POST /v1/chat/completions and GET /v1/models.`);
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
  rt.rollupWindow ??= new RollupWindow(ledger, rt.slo.window_days * 86_400_000); // shared by /api/slo, the series and the kit
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
