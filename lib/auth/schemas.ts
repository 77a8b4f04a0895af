import { z } from 'zod';
import {
  DISPLAY_NAME_MAX_LENGTH,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
  USERNAME_PATTERN,
} from '@/lib/db/limits';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-limits';

/** Usernames are case-insensitive: what people type is trimmed and lower-cased before any check. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(USERNAME_MIN_LENGTH, `Use at least ${USERNAME_MIN_LENGTH} characters.`)
  .max(USERNAME_MAX_LENGTH, `Use at most ${USERNAME_MAX_LENGTH} characters.`)
  .regex(USERNAME_PATTERN, 'Use only lowercase letters, digits, - and _.');

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Tell people what to call you.')
  .max(DISPLAY_NAME_MAX_LENGTH, `Use at most ${DISPLAY_NAME_MAX_LENGTH} characters.`);

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

/** Same-site path to return to after signing in; anything else falls back to the rooms page. */
export const callbackUrlSchema = z.string().max(2_048).optional();

export const signUpSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: newPasswordSchema,
  callbackUrl: callbackUrlSchema,
});

/**
 * Sign-in only bounds the input: a wrong shape must get the same generic answer as a wrong password, so it
 * does not tell anyone what valid usernames look like beyond what sign-up already says.
 */
export const signInSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, 'Enter your username.').max(USERNAME_MAX_LENGTH * 2),
  password: z.string().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH),
  callbackUrl: callbackUrlSchema,
});
