import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthHeading } from '@/components/auth/auth-heading';
import { OrDivider } from '@/components/auth/divider';
import { GithubSignInButton } from '@/components/auth/github-button';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { getSignedInUser } from '@/lib/auth/require-user';
import { callbackUrlFrom } from '@/lib/auth/search-params';
import { getConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'Create account' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  const callbackUrl = callbackUrlFrom(await searchParams);
  if (await getSignedInUser()) redirect(safeCallbackPath(callbackUrl));
  const signInHref = callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/sign-in';

  return (
    <>
      <AuthHeading title="Create your account" subtitle="Pick a name people will recognise." />
      <SignUpForm callbackUrl={callbackUrl} />
      {getConfig().auth.github ? (
        <>
          <OrDivider />
          <GithubSignInButton callbackUrl={callbackUrl} />
        </>
      ) : null}
      <p className="mt-6 text-center text-sm text-zinc-600 dark:text-zinc-400">
        Already have an account?{' '}
        <Link href={signInHref} className="font-semibold text-indigo-600 hover:text-indigo-500 dark:text-indigo-400">
          Sign in
        </Link>
      </p>
    </>
  );
}
