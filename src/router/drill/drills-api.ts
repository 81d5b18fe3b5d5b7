/**
 * The drill endpoints (admin token):
 *
 *   POST /admin/providers/:name/revoke | restore   swap the key for one the provider rejects / put it back
 *   GET  /admin/events                             revoke/restore history (survives restart)
 *   GET  /admin/drills                             recent drills
 *   POST /admin/drills                             {"lead","operator","scribe"} -> 201 the drill
 *   GET  /admin/drills/current | :id               the drill: clock, checklist, timeline, live figures
 *   POST /admin/drills/:id/steps                   {"step":"revoke","by":"operator"}
 *   POST /admin/drills/:id/notes                   {"text":"...","by":"scribe"}
 *   POST /admin/drills/:id/finish                  {"findings":"..."} -> the drill, report stored
 *   GET  /admin/drills/:id/report.md               the report (Markdown, as a download)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkAdmin, routerState } from '../admin.js';
import { BallastError } from '../http/errors.js';
import { readJsonBody } from '../http/read-body.js';
import { decodePathParam } from '../http/decode-path.js';
import { sendJson } from '../http/respond.js';
import type { Runtime } from '../runtime.js';
import type { Drills } from './drills.js';

type Handler = (req: IncomingMessage, res: ServerResponse, rt: Runtime) => Promise<void> | void;
type Action = (req: IncomingMessage, res: ServerResponse, drills: Drills, rt: Runtime, params: string[]) => Promise<void> | void;

const BODY_LIMIT = 32 * 1024;
const ID = '([^/]{1,80})';

const TABLE: Array<[string, RegExp, Action]> = [
  ['POST', /^\/admin\/providers\/([^/]{1,80})\/(revoke|restore)$/, keyAction],
  ['GET', /^\/admin\/events$/, (_q, res, d) => sendJson(res, 200, { data: d.adminEvents() })],
  ['GET', /^\/admin\/drills$/, (_q, res, d) => sendJson(res, 200, { data: d.list() })],
  ['POST', /^\/admin\/drills$/, async (req, res, d) => sendJson(res, 201, d.start(await readJsonBody(req, BODY_LIMIT)))],
  ['GET', /^\/admin\/drills\/current$/, (_q, res, d) => {
    const view = d.current();
    if (!view) throw new BallastError(404, 'invalid_request_error', 'no_active_drill', 'No drill is running; start one with POST /admin/drills {"lead","operator","scribe"}.');
    sendJson(res, 200, view, { 'cache-control': 'no-store' });
  }],
  ['GET', new RegExp(`^/admin/drills/${ID}/report\\.md$`), (_q, res, d, _rt, [id]) => {
    const md = d.report(id as string);
    res.writeHead(200, {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': `attachment; filename="ballast-${(id as string).replace(/[^A-Za-z0-9_-]/g, '')}.md"`,
      'content-length': Buffer.byteLength(md),
    });
    res.end(md);
  }],
  ['GET', new RegExp(`^/admin/drills/${ID}$`), (_q, res, d, _rt, [id]) => sendJson(res, 200, d.get(id as string), { 'cache-control': 'no-store' })],
  ['POST', new RegExp(`^/admin/drills/${ID}/steps$`), async (req, res, d, _rt, [id]) => sendJson(res, 200, d.checkStep(id as string, await readJsonBody(req, BODY_LIMIT)))],
  ['POST', new RegExp(`^/admin/drills/${ID}/notes$`), async (req, res, d, _rt, [id]) => sendJson(res, 200, d.addNote(id as string, await readJsonBody(req, BODY_LIMIT)))],
  ['POST', new RegExp(`^/admin/drills/${ID}/finish$`), async (req, res, d, _rt, [id]) => sendJson(res, 200, d.finish(id as string, await readOptionalJson(req)))],
];

/** The handler for a drill or provider-key path, or null when the path is not one. */
export function drillRoute(method: string, path: string): Handler | null {
  let pathMatched = false;
  for (const [m, re, action] of TABLE) {
    const match = re.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (m !== method) continue;
    const params = match.slice(1).map(decodePathParam);
    return async (req, res, rt) => {
      checkAdmin(req, rt);
      if (!rt.drills) throw new BallastError(503, 'server_error', 'drills_unavailable', 'The drill store is not open.');
      await action(req, res, rt.drills, rt, params);
    };
  }
  if (!pathMatched) return null;
  return (req) => {
    req.resume();
    throw new BallastError(405, 'invalid_request_error', 'method_not_allowed', `${method} is not allowed on ${path}.`);
  };
}

async function keyAction(req: IncomingMessage, res: ServerResponse, drills: Drills, rt: Runtime, [name, action]: string[]): Promise<void> {
  const body = await readOptionalJson(req);
  const actor = body.by === undefined ? null : typeof body.by === 'string' && /^[^\u0000-\u001f\u007f-\u009f]{1,80}$/.test(body.by) ? body.by : badActor();
  const provider = name as string;
  const result = action === 'revoke' ? drills.revoke(provider, actor) : drills.restore(provider, actor);
  const state = (routerState(rt).providers as Record<string, unknown>)[provider];
  sendJson(res, 200, { provider, action, changed: result.changed, at: new Date(result.at).toISOString(), state });
}

function badActor(): never {
  throw new BallastError(400, 'invalid_request_error', 'invalid_request', '"by" must be a name of 1-80 characters (who acted).', 'by');
}

/** A JSON object body, or {} when the body is empty. */
async function readOptionalJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await readJsonBody(req, BODY_LIMIT);
  } catch (err) {
    if (err instanceof BallastError && err.code === 'empty_body') return {};
    throw err;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BallastError(400, 'invalid_request_error', 'invalid_request', 'Send a JSON object (or no body).');
  }
  return body as Record<string, unknown>;
}
