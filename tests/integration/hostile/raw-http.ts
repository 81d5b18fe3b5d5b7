/**
 * Raw HTTP for hostile-input tests: fetch() would normalize or refuse the paths, headers
 * and bodies these tests must send exactly as an attacker would.
 */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export function rawRequest(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { ...headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** The OpenAI error envelope, or null when the text is not one. */
export function envelopeOf(text: string): { message: string; type: string; code: string } | null {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown; type?: unknown; code?: unknown } };
    const e = body.error;
    return e && typeof e.message === 'string' && typeof e.type === 'string' && typeof e.code === 'string' ? (e as { message: string; type: string; code: string }) : null;
  } catch {
    return null;
  }
}
