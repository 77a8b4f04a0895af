/**
 * Tests backed by a service (PostgreSQL, Redis) skip on a developer machine that lacks it, but CI provides every
 * one of them (.ci/run), so there a missing service is a broken setup: the test file fails instead of skipping.
 */
export class MissingCiServiceError extends Error {
  constructor(readonly what: string) {
    super(`CI=true but ${what} is missing: .ci/run provides it, so this test fails instead of skipping`);
    this.name = 'MissingCiServiceError';
  }
}

export function runningInCi(): boolean {
  const ci = process.env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

/** Returns whether the service is there; throws MissingCiServiceError when it is not and this is CI. */
export function availableOrFailInCi(available: boolean, what: string): boolean {
  if (!available && runningInCi()) throw new MissingCiServiceError(what);
  return available;
}
