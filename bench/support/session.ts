/** Signs in through next-auth's credentials endpoint, exactly as the sign-in form ends up doing. */
export class SignInError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignInError';
  }
}

function cookiesFrom(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');
}

/** The `Cookie` header of a fresh session for `username`. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookies = cookiesFrom(csrfResponse);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookies.join('; ') },
    body: new URLSearchParams({ csrfToken, username, password, callbackUrl: '/rooms' }),
  });
  await response.arrayBuffer();
  const session = cookiesFrom(response).find((cookie) => cookie.startsWith('authjs.session-token='));
  if (!session) throw new SignInError(`sign-in as ${username} failed (HTTP ${response.status})`);
  return session;
}
