import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthHeading } from '@/components/auth/auth-heading';
import { OrDivider } from '@/components/auth/divider';
import { FormError } from '@/components/auth/form-error';
import { GithubSignInButton } from '@/components/auth/github-button';
import { SignInForm } from '@/components/auth/sign-in-form';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { WRONG_CREDENTIALS_MESSAGE } from '@/lib/auth/messages';
import { getSignedInUser } from '@/lib/auth/require-user';
import { callbackUrlFrom } from '@/lib/auth/search-params';
import { getConfig } from '@/lib/config';
import { DEMO_PASSWORD } from '@/lib/db/seed-data';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** next-auth sends people back here with `?error=…` when a sign-in outside our form (GitHub, its own API) fails. */
const OAUTH_FAILURE_MESSAGE = 'GitHub sign-in did not work. Please try again.';

function messageForAuthError(error: string | string[] | undefined): string | undefined {
  if (!error) return undefined;
  return error === 'CredentialsSignin' ? WRONG_CREDENTIALS_MESSAGE : OAUTH_FAILURE_MESSAGE;
}

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = callbackUrlFrom(params);
  if (await getSignedInUser()) redirect(safeCallbackPath(callbackUrl));
  const config = getConfig();
  const signUpHref = callbackUrl ? `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/sign-up';

  return (
    <>
      <AuthHeading title="Sign in" subtitle="Welcome back. See who's around." />
      {params.error ? (
        <div className="mb-4">
          <FormError message={messageForAuthError(params.error)} />
        </div>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} />
      {config.auth.github ? (
        <>
          <OrDivider />
          <GithubSignInButton callbackUrl={callbackUrl} />
        </>
      ) : null}
      <p className="mt-6 text-center text-sm text-zinc-600 dark:text-zinc-400">
        New here?{' '}
        <Link href={signUpHref} className="font-semibold text-indigo-600 hover:text-indigo-500 dark:text-indigo-400">
          Create an account
        </Link>
      </p>
      {config.database.url ? null : (
        <p className="mt-4 rounded-lg bg-zinc-50 px-3 py-2 text-center text-xs text-zinc-600 dark:bg-zinc-800/60 dark:text-zinc-400">
          Demo: sign in as <code className="font-mono">alice</code>, <code className="font-mono">bob</code> or{' '}
          <code className="font-mono">carol</code> with password <code className="font-mono">{DEMO_PASSWORD}</code>.
        </p>
      )}
    </>
  );
}
