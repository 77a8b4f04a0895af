'use client';

import { useActionState } from 'react';
import { signUpAction } from '@/app/(auth)/actions';
import type { FormState } from '@/lib/actions/validated-action';
import { DISPLAY_NAME_MAX_LENGTH, USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from '@/lib/db/limits';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-limits';
import { FormError } from './form-error';
import { FormField } from './form-field';
import { SubmitButton } from './submit-button';

const INITIAL_STATE: FormState = {};

export function SignUpForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, formAction] = useActionState(signUpAction, INITIAL_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate aria-label="Create account">
      <FormError message={state.error} />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <FormField
        name="username"
        label="Username"
        hint={`${USERNAME_MIN_LENGTH}–${USERNAME_MAX_LENGTH} lowercase letters, digits, - or _. You sign in with it.`}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        defaultValue={state.values?.username}
        error={state.fieldErrors?.username}
      />
      <FormField
        name="displayName"
        label="Display name"
        hint="What others see next to your avatar."
        autoComplete="name"
        required
        maxLength={DISPLAY_NAME_MAX_LENGTH}
        defaultValue={state.values?.displayName}
        error={state.fieldErrors?.displayName}
      />
      <FormField
        name="password"
        label="Password"
        type="password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
        error={state.fieldErrors?.password}
      />
      <SubmitButton pendingLabel="Creating your account…">Create account</SubmitButton>
    </form>
  );
}
