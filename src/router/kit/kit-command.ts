/**
 * `ballast kit --out DIR`: fetches the six documents of the SLO kit from a running
 * router, as Markdown and printable HTML. The router is the one place that has the
 * active config (environment overrides, runtime bypass) and the SLO engine's window, so
 * the files say exactly what GET /api/slo says at that moment.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KIT_HELP = `Usage: ballast kit --out DIR [--url URL]

Writes the SLO kit, filled from a running router's live config and measured figures:
six documents (SLO one-pager, budget guardrail sheet, router config, cache recipe,
drill SOP, proposal language), each as DIR/<name>.md and DIR/<name>.html (open the
HTML in a browser and print it to PDF).

Options:
  --out DIR    directory to write (created if missing)
  --url URL    the router (default http://127.0.0.1:4100)
  -h, --help   show this help

Environment: BALLAST_ADMIN_TOKEN, when the router has one (the kit is an admin view).
Exit codes: 0 written, 1 the router is unreachable or refused, 2 a bad option.`;

interface KitIndex {
  generated_at: string;
  documents: Array<{ id: string; title: string; markdown: string; html: string }>;
}

export interface KitIo {
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): boolean };
  stderr: { write(s: string): boolean };
}

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    return body.error?.message ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

export async function runKitCommand(flags: { out?: string | undefined; url?: string | undefined }, io: KitIo): Promise<number> {
  if (!flags.out) {
    io.stderr.write('ballast kit: --out DIR is required (where to write the 12 files)\n');
    return 2;
  }
  const url = (flags.url ?? 'http://127.0.0.1:4100').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(url)) {
    io.stderr.write(`ballast kit: --url ${url}: expected the router's http(s) URL such as http://127.0.0.1:4100\n`);
    return 2;
  }
  const token = io.env.BALLAST_ADMIN_TOKEN;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const get = async (path: string): Promise<Response | string> => {
    let res: Response;
    try {
      res = await fetch(`${url}${path}`, { headers, signal: AbortSignal.timeout(30_000) });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      return `cannot reach the router at ${url} (${cause}): start it with "ballast start", or pass --url`;
    }
    if (!res.ok) return `${path}: ${res.status} ${await errorMessage(res)}${res.status === 401 ? ' (export BALLAST_ADMIN_TOKEN)' : ''}`;
    return res;
  };
  const index = await get('/api/kit');
  if (typeof index === 'string') {
    io.stderr.write(`ballast kit: ${index}\n`);
    return 1;
  }
  const kit = (await index.json()) as KitIndex;
  mkdirSync(flags.out, { recursive: true });
  const written: string[] = [];
  for (const doc of kit.documents) {
    for (const [path, ext] of [[doc.markdown, 'md'], [doc.html, 'html']] as const) {
      const res = await get(path);
      if (typeof res === 'string') {
        io.stderr.write(`ballast kit: ${res}\n`);
        return 1;
      }
      const file = join(flags.out, `${doc.id}.${ext}`);
      writeFileSync(file, await res.text());
      written.push(file);
    }
  }
  io.stdout.write(`ballast kit: wrote ${written.length} files to ${flags.out} (figures as of ${kit.generated_at}):\n${written.map((f) => `  ${f}`).join('\n')}\n`);
  return 0;
}
