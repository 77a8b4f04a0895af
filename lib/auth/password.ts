import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';


/** `Algorithm.Argon2id`; the package's const enum cannot be read under `isolatedModules`. */
const ARGON2ID: Algorithm = 2;

/** OWASP Password Storage Cheat Sheet's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const ARGON2_OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without a stored hash (unknown user, GitHub-only account) it still
 * verifies against a throwaway hash, so the response time does not reveal whether the username exists.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword('presently-timing-equaliser');
    await verify(await dummyHash, password);
    return false;
  }
  return verify(storedHash, password);
}
