'use server';

import { headers } from 'next/headers';
import { AuthError, CredentialsSignin } from 'next-auth';
import { signIn, signOut } from '@/lib/auth';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { clientIpFrom } from '@/lib/auth/client-ip';
import { SignInRateLimitedError } from '@/lib/auth/errors';
import { WRONG_CREDENTIALS_MESSAGE } from '@/lib/auth/messages';
import { hashPassword } from '@/lib/auth/password';
import { signInSchema, signUpSchema } from '@/lib/auth/schemas';
import { consumeSignUpAttempt, type SignUpRefusal } from '@/lib/auth/sign-up-limits';
import { validatedAction, type FormState } from '@/lib/actions/validated-action';
import { createUser, UsernameTakenError } from '@/lib/db/queries/users';

const SECONDS_PER_MINUTE = 60;
const MS_PER_SECOND = 1_000;

function inMinutes(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / SECONDS_PER_MINUTE);
  return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

function rateLimitedMessage(retryAfterSeconds: number): string {
  return `Too many failed attempts. ${inMinutes(retryAfterSeconds)}`;
}

function signUpRefusedMessage({ reason, retryAfterMs }: SignUpRefusal): string {
  const lead = reason === 'address' ? 'Too many new accounts from your network.' : 'Too many new accounts are being created right now.';
  return `${lead} ${inMinutes(Math.ceil(retryAfterMs / MS_PER_SECOND))}`;
}

/** Signs in and redirects (next-auth throws Next's redirect, which must propagate), or explains the refusal. */
async function signInWithCredentials(username: string, password: string, callbackUrl?: string): Promise<FormState> {
  try {
    await signIn('credentials', { username, password, redirectTo: safeCallbackPath(callbackUrl) });
    return {};
  } catch (error) {
    if (error instanceof SignInRateLimitedError) return { error: rateLimitedMessage(error.retryAfterSeconds) };
    if (error instanceof CredentialsSignin) return { error: WRONG_CREDENTIALS_MESSAGE };
    throw error;
  }
}

export const signInAction = validatedAction(signInSchema, async ({ username, password, callbackUrl }) =>
  signInWithCredentials(username, password, callbackUrl),
);

export const signUpAction = validatedAction(signUpSchema, async ({ username, displayName, password, callbackUrl }) => {
  const refusal = await consumeSignUpAttempt(clientIpFrom(await headers()));
  if (refusal) return { error: signUpRefusedMessage(refusal) };
  try {
    await createUser({ username, displayName, passwordHash: await hashPassword(password) });
  } catch (error) {
    if (error instanceof UsernameTakenError) return { fieldErrors: { username: 'That username is taken.' } };
    throw error;
  }
  return signInWithCredentials(username, password, callbackUrl);
});

export async function signInWithGithubAction(formData: FormData): Promise<void> {
  const callbackUrl = formData.get('callbackUrl');
  try {
    await signIn('github', { redirectTo: safeCallbackPath(typeof callbackUrl === 'string' ? callbackUrl : null) });
  } catch (error) {
    // Redirects are not AuthErrors and go through; a misconfigured provider is a server error worth logging.
    if (error instanceof AuthError) console.error('[auth] GitHub sign-in failed', error);
    throw error;
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/' });
}
