export const DEFAULT_TIMEOUT_MS = 3_000;

/** Resolves with the value `register` delivers, or rejects after `timeoutMs` naming `what`. */
export function withTimeout<T>(what: string, register: (resolve: (value: T) => void, reject: (error: Error) => void) => (() => void) | void, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let cleanup: (() => void) | void = undefined;
    const timer = setTimeout(() => {
      if (cleanup) cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    cleanup = register(
      (value) => {
        clearTimeout(timer);
        if (cleanup) cleanup();
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        if (cleanup) cleanup();
        reject(error);
      },
    );
  });
}

/** Polls `check` until it is true (bounded). For state that has no event to await. */
export async function until(what: string, check: () => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Lets time pass, for what is about time itself (a rate limit's refill, a hold window running out). Never for
 * frames to arrive: a check that something did not arrive waits for a marker (helpers/marker.ts).
 */
export function elapse(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
