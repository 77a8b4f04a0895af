import { pingDatabase } from '@/lib/db/health';
import { ServiceUnavailableError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';

/** For load balancers: 200 when this replica's database answers, 503 (take me out of rotation) otherwise. */
export const GET = apiRoute(async () => {
  try {
    await pingDatabase();
  } catch (error) {
    console.warn(`[health] ${error instanceof Error ? error.message : String(error)}`);
    throw new ServiceUnavailableError('The database is not answering.');
  }
  return jsonResponse({ status: 'ok' });
});
