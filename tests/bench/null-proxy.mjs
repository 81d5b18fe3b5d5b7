// The control of the router overhead benchmark: the least a Node gateway can do.
// node:http server in, undici Pool out (the same two libraries ballast uses), the
// request body buffered and forwarded as is, the answer buffered (non-stream) or piped
// chunk by chunk (stream). No parsing, routing, validation or translation. What this
// adds over the direct path is the cost of the extra process hop itself (two more
// loopback connections and cross-core wake-ups), which no router can go below.
//
// Usage: node null-proxy.mjs --port N --upstream http://127.0.0.1:PORT --key KEY
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

const { values } = parseArgs({ options: { port: { type: 'string' }, upstream: { type: 'string' }, key: { type: 'string' } } });
const pool = new Pool(values.upstream, { connections: 256, keepAliveTimeout: 30_000 });
const headers = { 'content-type': 'application/json', authorization: `Bearer ${values.key}` };

const server = createServer(async (req, res) => {
  try {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const up = await pool.request({ method: 'POST', path: req.url, headers, body: Buffer.concat(chunks) });
    const type = up.headers['content-type'] ?? 'application/json';
    if (String(type).startsWith('text/event-stream')) {
      res.writeHead(up.statusCode, { 'content-type': type, 'cache-control': 'no-cache' });
      for await (const c of up.body) res.write(c);
      res.end();
      return;
    }
    const out = [];
    for await (const c of up.body) out.push(c);
    const body = Buffer.concat(out);
    res.writeHead(up.statusCode, { 'content-type': type, 'content-length': body.length });
    res.end(body);
  } catch (err) {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(String(err?.message ?? err));
  }
});
server.keepAliveTimeout = 65_000;
server.listen(Number(values.port), '127.0.0.1', () => process.stdout.write(`null proxy on 127.0.0.1:${values.port} -> ${values.upstream}\n`));
const stop = () => server.close(() => pool.close().finally(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
