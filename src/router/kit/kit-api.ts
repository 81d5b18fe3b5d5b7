/**
 * GET /api/kit (the documents and the figures as JSON) and GET /api/kit/<doc>.md|.html.
 * Admin-gated like /api/slo: the kit spans every tenant and carries the config.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SloApiDeps } from '../api/slo.js';
import type { Runtime } from '../runtime.js';
import { windowFigures } from './figures.js';
import { KIT_DOCUMENTS, collectKitData, renderHtml, renderMarkdown, DISCLAIMER, type KitData } from './index.js';
import { routerSecrets } from '../secrets/router-secrets.js';
import { scrubSecrets } from '../secrets/scrub.js';

function dataOf(rt: Runtime, deps: SloApiDeps): KitData {
  return collectKitData({ config: rt.config, deps, bypassOn: rt.bypass.on });
}

// The printable page needs its inline style and nothing else: no script, no fetch.
const KIT_CSP = "default-src 'none'; style-src 'unsafe-inline'";

function send(res: ServerResponse, type: string, body: string): void {
  res.writeHead(200, {
    'content-type': `${type}; charset=utf-8`,
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
    ...(type === 'text/html' ? { 'content-security-policy': KIT_CSP } : {}),
  });
  res.end(body);
}

/** GET /api/kit: the list of documents with their URLs, and the figures they print. */
export function handleKitIndex(_req: IncomingMessage, res: ServerResponse, rt: Runtime, deps: SloApiDeps): void {
  const data = dataOf(rt, deps);
  const { report } = data;
  const body = {
    generated_at: data.generatedAt,
    disclaimer: DISCLAIMER,
    documents: KIT_DOCUMENTS.map((d) => ({ id: d.id, title: d.title, summary: d.summary, markdown: `/api/kit/${d.id}.md`, html: `/api/kit/${d.id}.html` })),
    figures: {
      window: report.rolling.window,
      eligible: report.rolling.eligible,
      rolling: windowFigures(report.rolling, report.targets, data.rollingWords),
      period: { since: data.period.since === null ? null : new Date(data.period.since).toISOString(), covered_ms: data.period.coveredMs, full: data.period.full, words: data.rollingWords },
      paging: data.paging,
      providers: data.providers.map((p) => ({ name: p.name, kind: p.kind, emulated: p.emulated, eligible: p.rolling.eligible })),
    },
    /** The same report GET /api/slo answers at generated_at. */
    slo: report,
  };
  send(res, 'application/json', scrubSecrets(JSON.stringify(body), routerSecrets(rt)));
}

/** The routes GET /api/kit/<doc>.md and .html, for the server's route table. */
export function kitDocumentRoutes(
  deps: (rt: Runtime) => SloApiDeps,
  gate: (req: IncomingMessage, rt: Runtime) => void,
): Record<string, (req: IncomingMessage, res: ServerResponse, rt: Runtime) => void> {
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, rt: Runtime) => void> = {};
  for (const doc of KIT_DOCUMENTS) {
    routes[`GET /api/kit/${doc.id}.md`] = (req, res, rt) => {
      gate(req, rt);
      send(res, 'text/markdown', renderMarkdown(doc, dataOf(rt, deps(rt)), routerSecrets(rt)));
    };
    routes[`GET /api/kit/${doc.id}.html`] = (req, res, rt) => {
      gate(req, rt);
      send(res, 'text/html', renderHtml(doc, dataOf(rt, deps(rt)), routerSecrets(rt)));
    };
  }
  return routes;
}
