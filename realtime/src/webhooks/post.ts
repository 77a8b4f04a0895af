import { WebhookDeliveryError } from '../errors';

/**
 * POSTs one webhook body. Resolves on a 2xx answer; otherwise throws WebhookDeliveryError (with the
 * status, or null for a network error, timeout or abort). The response body is discarded.
 */
export async function postWebhook(url: string, body: string, headers: Record<string, string>, timeoutMs: number, abort: AbortSignal): Promise<void> {
  const signal = AbortSignal.any([abort, AbortSignal.timeout(timeoutMs)]);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body, headers, signal, redirect: 'manual' });
  } catch (error) {
    const reason = signal.aborted && !abort.aborted ? `no answer within ${timeoutMs} ms` : describe(error);
    throw new WebhookDeliveryError(reason, null);
  }
  // Free the connection for reuse whatever the answer.
  await response.body?.cancel();
  if (response.status < 200 || response.status > 299) {
    throw new WebhookDeliveryError(`receiver answered ${response.status}`, response.status);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
