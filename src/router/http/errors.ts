/**
 * Errors ballast answers with, in the OpenAI error envelope. Each has a stable code
 * and status; messages say what happened and what to do. Never a stack trace.
 */
export interface ErrorEnvelope {
  error: { message: string; type: string; code: string; param: string | null; request_id?: string; [extra: string]: unknown };
}

export class BallastError extends Error {
  override readonly name = 'BallastError';
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string,
    message: string,
    readonly param: string | null = null,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toEnvelope(requestId?: string): ErrorEnvelope {
    return {
      error: {
        message: this.message,
        type: this.type,
        code: this.code,
        param: this.param,
        ...this.extra,
        ...(requestId ? { request_id: requestId } : {}),
      },
    };
  }
}

export const invalidRequest = (message: string, param: string | null = null, code = 'invalid_request') =>
  new BallastError(400, 'invalid_request_error', code, message, param);

export const notFound = (message: string) => new BallastError(404, 'invalid_request_error', 'not_found', message);

export const unauthorized = (message: string) => new BallastError(401, 'authentication_error', 'invalid_api_key', message);

export const internalError = () =>
  new BallastError(500, 'server_error', 'internal_error', 'ballast hit an internal error; the request id identifies it in the log');
