'use client';

import { useActionState } from 'react';
import { signInAction } from '@/app/(auth)/actions';
import type { FormState } from '@/lib/actions/validated-action';
import { USERNAME_MAX_LENGTH } from '@/lib/db/limits';
import { PASSWORD_MAX_LENGTH } from '@/lib/auth/password-limits';
import { FormError } from './form-error';
import { FormField } from './form-field';
import { SubmitButton } from './submit-button';

const INITIAL_STATE: FormState = {};

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, formAction] = useActionState(signInAction, INITIAL_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate aria-label="Sign in">
      <FormError message={state.error} />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <FormField
        name="username"
        label="Username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={USERNAME_MAX_LENGTH}
        defaultValue={state.values?.username}
        error={state.fieldErrors?.username}
      />
      <FormField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        maxLength={PASSWORD_MAX_LENGTH}
        error={state.fieldErrors?.password}
      />
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
