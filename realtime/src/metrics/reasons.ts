/** Metric label for an HTTP error status (null: not an error). A fixed set keeps label cardinality small. */
const REASONS: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'too_large',
  415: 'unsupported_media_type',
  500: 'internal_error',
  503: 'unavailable',
};

export function httpRejectionReason(status: number): string | null {
  if (status < 400) return null;
  return REASONS[status] ?? `status_${status}`;
}

/** Metric label for a refused WebSocket handshake (the close reason text can carry client input). */
const CONNECTION_REASONS: Readonly<Record<number, string>> = {
  4001: 'app_not_found',
  4003: 'app_disabled',
  4004: 'over_quota',
  4005: 'path_not_found',
  4007: 'unsupported_protocol',
  4008: 'no_protocol',
  4100: 'address_over_capacity',
};

export function connectionRejectionReason(code: number): string {
  return CONNECTION_REASONS[code] ?? `code_${code}`;
}
