/**
 * The one way a request path or a path parameter is decoded. `decodeURIComponent`
 * throws on malformed escapes (`/%`, `/%ZZ`, `/%E0`): here that is the client's error,
 * a 400 in the envelope, never an exception that escapes a handler.
 */
import { BallastError } from './errors.js';

/** The decoded path parameter, or a 400 naming it when its escapes are malformed. */
export function decodePathParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw malformedPath(raw);
  }
}

/** The path of a request URL (no query), still percent-encoded, as routes match it. */
export function rawPathOf(url: string | undefined): string {
  const u = url ?? '/';
  const q = u.indexOf('?');
  return q === -1 ? u : u.slice(0, q);
}

function malformedPath(raw: string): BallastError {
  // The raw text is the client's own; cut it short so the envelope stays small.
  const shown = raw.length > 80 ? `${raw.slice(0, 80)}...` : raw;
  return new BallastError(400, 'invalid_request_error', 'invalid_path', `The path has a malformed percent-escape (${JSON.stringify(shown)}); encode it with encodeURIComponent.`);
}
