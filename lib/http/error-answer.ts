import { describePusherError, isPusherRequestError } from '@/lib/pusher/describe-error';
import { ApiError, type ApiErrorBody } from './errors';

const HTTP_INTERNAL_ERROR = 500;

export type ErrorAnswer = { status: number; body: ApiErrorBody; headers: Record<string, string> };

/**
 * What an API request that failed answers: a refusal (`ApiError`) as its typed JSON and status, anything else
 * logged under `where` and answered as a generic 500. Shared by Next's route handlers (lib/http/handler.ts) and
 * the Node front's endpoints (lib/pusher/front), so both answer alike.
 */
export function errorAnswer(error: unknown, where: string): ErrorAnswer {
  const refusal = error instanceof ApiError ? error : internalError(error, where);
  return { status: refusal.status, body: { error: { code: refusal.code, message: refusal.message } }, headers: refusal.responseHeaders() };
}

function internalError(error: unknown, where: string): ApiError {
  // A failed REST call to the realtime server carries its signed URL (auth_key, auth_timestamp, auth_signature):
  // it is logged as its cause and status only, never as the SDK's error object.
  console.error(`[api] ${where} failed`, isPusherRequestError(error) ? describePusherError(error) : error);
  return new ApiError(HTTP_INTERNAL_ERROR, 'internal', 'Something went wrong on our side.');
}
