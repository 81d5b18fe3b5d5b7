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
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw invalidRequest('The request body is empty; send a JSON chat completion request.', null, 'empty_body');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw invalidRequest(`The request body is not valid JSON (${(err as Error).message}).`, null, 'invalid_json');
  }
}

function tooLarge(limit: number): BallastError {
  return new BallastError(
    413,
    'invalid_request_error',
    'request_too_large',
    `The request body is larger than ${limit} bytes; shorten the prompt or raise server.body_limit_bytes.`,
  );
}
