/** Every error an API route can answer with, as `{ error: { code, message } }` and a matching status. */
export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'conflict'
  | 'internal'
  | 'service_unavailable';

const MS_PER_SECOND = 1_000;

export type ApiErrorBody = { error: { code: ApiErrorCode; message: string } };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Headers the response carries besides the JSON body. */
  responseHeaders(): Record<string, string> {
    return {};
  }
}

export class BadRequestError extends ApiError {
  constructor(message = 'The request is malformed.') {
    super(400, 'bad_request', message);
    this.name = 'BadRequestError';
  }
}

export class UnauthorizedError extends ApiError {
  constructor(message = 'Sign in first.') {
    super(401, 'unauthorized', message);
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends ApiError {
  constructor(message = 'You do not have access.') {
    super(403, 'forbidden', message);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends ApiError {
  constructor(message = 'Not found.') {
    super(404, 'not_found', message);
    this.name = 'NotFoundError';
  }
}

export class PayloadTooLargeError extends ApiError {
  constructor(limitBytes: number) {
    super(413, 'payload_too_large', `The request body is larger than ${limitBytes} bytes.`);
    this.name = 'PayloadTooLargeError';
  }
}

export class UnsupportedMediaTypeError extends ApiError {
  constructor(accepted: readonly string[]) {
    super(415, 'unsupported_media_type', `Send the body as ${accepted.join(' or ')}.`);
    this.name = 'UnsupportedMediaTypeError';
  }
}

export class TooManyRequestsError extends ApiError {
  constructor(
    readonly retryAfterMs: number,
    message = 'Too many requests; wait a moment.',
  ) {
    super(429, 'too_many_requests', message);
    this.name = 'TooManyRequestsError';
  }

  override responseHeaders(): Record<string, string> {
    return { 'Retry-After': String(Math.ceil(this.retryAfterMs / MS_PER_SECOND)) };
  }
}

export class ConflictError extends ApiError {
  constructor(message = 'That conflicts with what is already there.') {
    super(409, 'conflict', message);
    this.name = 'ConflictError';
  }
}

export class ServiceUnavailableError extends ApiError {
  constructor(message = 'Temporarily unavailable; try again shortly.') {
    super(503, 'service_unavailable', message);
    this.name = 'ServiceUnavailableError';
  }
}
