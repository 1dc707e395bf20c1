import 'server-only';

import type { ApiErrorBody, ErrorCode } from '@/server/model/errors';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  upstream_unavailable: 503,
  upstream_error: 502,
  internal: 500,
};

/** The one error type route handlers throw; `toResponse()` renders the shared envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ApiErrorBody['error'], 'code' | 'message'> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS[this.code];
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }

  toResponse(): Response {
    return Response.json(this.toBody(), { status: this.status });
  }
}

/** Turns anything thrown in a handler into a Response; unknown errors are logged, not leaked. */
export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) return err.toResponse();
  console.error('[meshscope] unhandled error', err);
  return new AppError('internal', 'Internal error; see the server log.').toResponse();
}
