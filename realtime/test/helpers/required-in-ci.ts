/**
 * Cluster tests skip on a developer machine without Redis, but CI provides it (.ci/run), so there a missing
 * Redis is a broken setup: the test file fails instead of skipping. (The realtime server's tests import nothing
 * from the app, hence this twin of lib/test-support/required-in-ci.ts.)
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
