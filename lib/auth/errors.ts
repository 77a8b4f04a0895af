import { CredentialsSignin } from 'next-auth';

/** Too many failed sign-ins for this username or address; thrown from `authorize` so next-auth passes it on. */
export class SignInRateLimitedError extends CredentialsSignin {
  override code = 'rate_limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed sign-ins; retry in ${retryAfterSeconds}s`);
    this.name = 'SignInRateLimitedError';
  }
}
