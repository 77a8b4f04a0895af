/** Where people land after signing in when nothing (or nothing safe) says otherwise. */
export const DEFAULT_AFTER_SIGN_IN = '/rooms';
export const SIGN_IN_PATH = '/sign-in';

/** Longest callback path we keep; longer ones are dropped rather than truncated into a different path. */
const MAX_CALLBACK_PATH_LENGTH = 2_048;
const PLACEHOLDER_ORIGIN = 'http://presently.invalid';

/**
 * Returns `value` if it is a path on this site (`/rooms/gaming?x=1`), else the default. Refuses absolute and
 * protocol-relative URLs (`https://evil`, `//evil`, `/\evil`), anything that resolves to another origin, and the
 * auth pages themselves (no redirect loops).
 */
export function safeCallbackPath(value: string | null | undefined, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (!value || value.length > MAX_CALLBACK_PATH_LENGTH) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  if (url.pathname === SIGN_IN_PATH || url.pathname === '/sign-up') return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/sign-in?callbackUrl=…` for a page that needs a signed-in user. */
export function signInUrlFor(path: string): string {
  const target = safeCallbackPath(path);
  return target === DEFAULT_AFTER_SIGN_IN ? SIGN_IN_PATH : `${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(target)}`;
}
