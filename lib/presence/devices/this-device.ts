/** What a browser tells about the device it runs on, when it does. */
export type DeviceKind = 'phone' | 'computer';

/** One id per browser (its tabs share localStorage, so they are one device). */
const DEVICE_ID_STORAGE_KEY = 'presently.device-id';
export const DEVICE_ID_PATTERN = /^[a-zA-Z0-9-]{8,40}$/;

type UserAgentData = { mobile?: boolean };

/** Bytes in a random id: 128 bits, written as 32 hex digits. */
const RANDOM_ID_BYTES = 16;

/** A random id. Not crypto.randomUUID, which exists only in secure contexts (an http deployment has none). */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(RANDOM_ID_BYTES));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** This browser's device id, made on first use and kept in localStorage (a fresh one per tab if storage is off). */
export function thisDeviceId(): string {
  try {
    const known = window.localStorage.getItem(DEVICE_ID_STORAGE_KEY);
    if (known && DEVICE_ID_PATTERN.test(known)) return known;
    const made = randomId();
    window.localStorage.setItem(DEVICE_ID_STORAGE_KEY, made);
    return made;
  } catch (error) {
    // Storage blocked (private mode settings): this tab counts as its own device.
    console.warn('[presence] no localStorage for a device id', error);
    return randomId();
  }
}

/** Phone or computer, from the user agent (which keeps its "Mobile" token even when reduced) or Client Hints; null if unsure. */
export function thisDeviceKind(): DeviceKind | null {
  const agent = navigator.userAgent;
  if (/iPhone|Android.+Mobile|Mobile Safari|Windows Phone/i.test(agent)) return 'phone';
  const hints = (navigator as Navigator & { userAgentData?: UserAgentData }).userAgentData;
  if (typeof hints?.mobile === 'boolean') return hints.mobile ? 'phone' : 'computer';
  if (/Windows NT|Macintosh|X11|CrOS|Linux x86_64/i.test(agent)) return 'computer';
  return null;
}
