/**
 * Reads a JSON request body under a size limit. A body over the limit is refused
 * as soon as it crosses it, without buffering the rest.
 */
import type { IncomingMessage } from 'node:http';
import { BallastError, invalidRequest } from './errors.js';

export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limitBytes) throw tooLarge(limitBytes);
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof BallastError) throw err;
    // The client cut its own upload: its fault, not ballast's, and no stack to log.
    throw invalidRequest('The request body ended before it was complete (the upload was aborted).', null, 'upload_aborted');
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw invalidRequest('The request body is empty; send a JSON chat completion request.', null, 'empty_body');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw invalidRequest(`The request body is not valid JSON (${(err as Error).message}).`, null, 'invalid_json');
  }
  if (exceedsDepth(body, MAX_JSON_DEPTH)) {
    throw invalidRequest(`The request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels; flatten it.`, null, 'body_too_deep');
  }
  return body;
}

/**
 * Every JSON body ballast reads is at most this deep, so the code that walks a body
 * (the cache key's normalizer, the token counter, the providers' JSON.stringify) can
 * recurse without a client choosing its stack depth. Tool schemas nest a few dozen
 * levels at most.
 */
export const MAX_JSON_DEPTH = 128;

/** Whether a parsed JSON value nests deeper than `max`; iterative, so any depth is safe to check. */
export function exceedsDepth(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

function tooLarge(limit: number): BallastError {
  return new BallastError(
    413,
    'invalid_request_error',
    'request_too_large',
    `The request body is larger than ${limit} bytes; shorten the prompt or raise server.body_limit_bytes.`,
  );
}
