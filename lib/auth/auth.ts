import NextAuth, { AuthError, CredentialsSignin, type DefaultSession, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import { getConfig } from '@/lib/config';
import { findOrCreateGithubUser } from '@/lib/db/queries/github-users';
import { authorizeCredentials } from './authorize-credentials';
import { SIGN_IN_PATH } from './callback-url';

declare module 'next-auth' {
  interface Session {
    user: { id: string } & DefaultSession['user'];
  }
}

/** Sessions last a week; each request within it slides the expiry (next-auth's `updateAge`, one day). */
const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

function buildAuthConfig(): NextAuthConfig {
  const { auth } = getConfig();
  const providers: NextAuthConfig['providers'] = [
    Credentials({
      id: 'credentials',
      credentials: { username: { label: 'Username' }, password: { label: 'Password', type: 'password' } },
      authorize: authorizeCredentials,
    }),
  ];
  if (auth.github) providers.push(GitHub({ clientId: auth.github.id, clientSecret: auth.github.secret }));

  return {
    secret: auth.secret,
    providers,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: SIGN_IN_PATH },
    callbacks: {
      async jwt({ token, user, account, profile }) {
        if (account?.provider === 'github' && profile) {
          // The session carries our user id, never GitHub's.
          const linked = await findOrCreateGithubUser({
            githubId: String(profile.id),
            login: String(profile.login ?? ''),
            name: typeof profile.name === 'string' ? profile.name : null,
          });
          token.sub = linked.id;
          token.name = linked.displayName;
        } else if (user?.id) {
          token.sub = user.id;
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    logger: {
      // Wrong passwords and stale or forged session cookies are expected outcomes, not server errors: one line each.
      error(error) {
        if (error instanceof CredentialsSignin) console.warn(`[auth] sign-in refused: ${error.code}`);
        else if (error instanceof AuthError && error.type === 'JWTSessionError') console.warn('[auth] ignored an unreadable session cookie');
        else console.error('[auth]', error);
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildAuthConfig());
