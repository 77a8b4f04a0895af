import { z } from 'zod';
import { STATUS_MAX_LENGTH } from '@/lib/db/limits';
import type { StatusStamp } from './status-order';

/** `GET /api/users/statuses` accepts at most this many ids per request. */
export const MAX_STATUS_IDS_PER_REQUEST = 100;

export const statusStampSchema = z.object({
  status: z.string().max(STATUS_MAX_LENGTH),
  statusUpdatedAt: z.iso.datetime({ offset: true }).nullable(),
});

const statusesResponseSchema = z.object({ statuses: z.record(z.string(), statusStampSchema) });
const errorResponseSchema = z.object({ error: z.object({ message: z.string() }).or(z.string()) }).partial();

export class StatusRequestError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number,
  ) {
    super(message);
    this.name = 'StatusRequestError';
  }
}

async function failure(response: Response, fallback: string): Promise<StatusRequestError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = errorResponseSchema.safeParse(body);
  const detail = parsed.success ? parsed.data.error : undefined;
  const message = typeof detail === 'string' ? detail : (detail?.message ?? fallback);
  return new StatusRequestError(message, response.status);
}

/** Saves your status; the server trims it, stamps it and tells your other tabs. */
export async function saveMyStatus(status: string): Promise<StatusStamp> {
  const response = await fetch('/api/me/status', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  });
  if (!response.ok) throw await failure(response, `Could not save your status (HTTP ${response.status}).`);
  return statusStampSchema.parse(await response.json());
}

/** Current statuses of these users, to correct `user_info` captured when each of them subscribed. */
export async function fetchStatuses(ids: string[]): Promise<Record<string, StatusStamp>> {
  const result: Record<string, StatusStamp> = {};
  for (let start = 0; start < ids.length; start += MAX_STATUS_IDS_PER_REQUEST) {
    const batch = ids.slice(start, start + MAX_STATUS_IDS_PER_REQUEST);
    const response = await fetch(`/api/users/statuses?ids=${batch.map(encodeURIComponent).join(',')}`);
    if (!response.ok) throw await failure(response, `Could not load statuses (HTTP ${response.status}).`);
    Object.assign(result, statusesResponseSchema.parse(await response.json()).statuses);
  }
  return result;
}
