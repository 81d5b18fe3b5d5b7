/**
 * The control API: JSON over HTTP on its own port. Faults, revocation, settings,
 * recorded requests and stats per provider; a global reset.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFault } from './faults.js';
import { parseJson, readBody } from './http-util.js';
import type { ProviderListener } from './provider.js';
import { applySettingsPatch, settingsJson } from './timing.js';

const CONTROL_BODY_LIMIT = 64 * 1024;

export const CONTROL_ENDPOINTS = [
  'GET    /providers',
  'GET    /providers/:name',
  'GET    /providers/:name/fault',
  'PUT    /providers/:name/fault        body: one fault object',
  'DELETE /providers/:name/fault',
  'POST   /providers/:name/revoke',
  'POST   /providers/:name/restore',
  'PATCH  /providers/:name/settings     body: {latency_ms?, ttft_ms?, tokens_per_second?}',
  'GET    /providers/:name/requests',
  'GET    /providers/:name/stats',
  'POST   /reset',
];

interface Answer {
  status: number;
  body: unknown;
}

const ok = (body: unknown): Answer => ({ status: 200, body });
const problem = (status: number, message: string): Answer => ({ status, body: { error: { message } } });

export function snapshot(provider: ProviderListener) {
  const { state } = provider;
  return {
    url: provider.url,
    port: provider.port,
    listening: provider.listening,
    fault: state.faults.current ?? null,
    revoked: state.revoked,
    settings: settingsJson(state.settings),
    stats: state.recorder.stats(),
  };
}

export function createControlHandler(providers: Map<string, ProviderListener>) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    answer(providers, req)
      .catch((error: unknown) => problem(500, error instanceof Error ? error.message : String(error)))
      .then(({ status, body }) => {
        const text = JSON.stringify(body, null, 2);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
        res.end(text);
      });
  };
}

async function answer(providers: Map<string, ProviderListener>, req: IncomingMessage): Promise<Answer> {
  const method = req.method ?? 'GET';
  const parts = new URL(req.url ?? '/', 'http://control').pathname.split('/').filter(Boolean);
  const raw = method === 'GET' || method === 'HEAD' ? '' : await readBody(req, CONTROL_BODY_LIMIT);
  if (raw === null) return problem(413, `control request bodies are limited to ${CONTROL_BODY_LIMIT} bytes`);

  if (parts.length === 0 && method === 'GET') return ok({ endpoints: CONTROL_ENDPOINTS });
  if (parts.length === 1 && parts[0] === 'reset' && method === 'POST') {
    await Promise.all([...providers.values()].map((p) => p.reset()));
    return ok({ reset: true, providers: Object.fromEntries([...providers].map(([n, p]) => [n, snapshot(p)])) });
  }
  if (parts[0] !== 'providers' || parts.length > 3) return notFound(method, parts);
  if (parts.length === 1) {
    if (method !== 'GET') return notFound(method, parts);
    return ok({ providers: Object.fromEntries([...providers].map(([n, p]) => [n, snapshot(p)])) });
  }

  const name = decodeURIComponent(parts[1] ?? '');
  const provider = providers.get(name);
  if (!provider) return problem(404, `unknown provider '${name}' (known: ${[...providers.keys()].join(', ')})`);
  const { state } = provider;
  const action = `${method} ${parts[2] ?? ''}`;

  switch (action) {
    case 'GET ':
      return ok(snapshot(provider));
    case 'GET fault':
      return ok({ fault: state.faults.current ?? null });
    case 'PUT fault': {
      const body = parseJson(raw);
      if (!body.ok) return problem(400, 'fault body is not valid JSON');
      const fault = parseFault(body.value);
      if (!fault.ok) return problem(400, fault.message);
      await provider.setFault(fault.value);
      return ok(snapshot(provider));
    }
    case 'DELETE fault':
      await provider.clearFault();
      return ok(snapshot(provider));
    case 'POST revoke':
      state.revoked = true;
      return ok(snapshot(provider));
    case 'POST restore':
      state.revoked = false;
      return ok(snapshot(provider));
    case 'PATCH settings': {
      const body = parseJson(raw);
      if (!body.ok) return problem(400, 'settings body is not valid JSON');
      const next = applySettingsPatch(state.settings, body.value);
      if (!next.ok) return problem(400, next.message);
      state.settings = next.value;
      return ok(snapshot(provider));
    }
    case 'GET requests':
      return ok({ requests: state.recorder.recent() });
    case 'GET stats':
      return ok(state.recorder.stats());
    default:
      return notFound(method, parts);
  }
}

function notFound(method: string, parts: string[]): Answer {
  return problem(404, `no control endpoint ${method} /${parts.join('/')}; see GET / for the list`);
}
