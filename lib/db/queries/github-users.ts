import { eq } from 'drizzle-orm';
import { getDb, type Database } from '../client';
import { DISPLAY_NAME_MAX_LENGTH, USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from '../limits';
import { githubAccounts, users, type User } from '../schema';
import { createUser, UsernameTakenError } from './users';

export type GithubProfile = { githubId: string; login: string; name: string | null };

/** Usernames from GitHub logins: lower-cased, foreign characters dropped, made unique with a numeric suffix. */
const GITHUB_USERNAME_ATTEMPTS = 50;
/** Room for a `-NN` suffix within the username limit. */
const SUFFIX_ROOM = 4;

function usernameCandidates(login: string): string[] {
  const base = login.toLowerCase().replace(/[^a-z0-9_-]/g, '').slice(0, USERNAME_MAX_LENGTH - SUFFIX_ROOM) || 'github-user';
  const padded = base.length >= USERNAME_MIN_LENGTH ? base : `${base}-gh`;
  const suffixes = ['', ...Array.from({ length: GITHUB_USERNAME_ATTEMPTS }, (_, index) => `-${index + 2}`)];
  return suffixes.map((suffix) => `${padded}${suffix}`);
}

/** The user linked to this GitHub account, created (with a free username) on first sign-in. */
export async function findOrCreateGithubUser(profile: GithubProfile, db?: Database): Promise<User> {
  const database = db ?? (await getDb());
  const [linked] = await database
    .select({ user: users })
    .from(githubAccounts)
    .innerJoin(users, eq(users.id, githubAccounts.userId))
    .where(eq(githubAccounts.githubId, profile.githubId))
    .limit(1);
  if (linked) return linked.user;

  const displayName = (profile.name?.trim() || profile.login).slice(0, DISPLAY_NAME_MAX_LENGTH);
  for (const username of usernameCandidates(profile.login)) {
    try {
      const user = await createUser({ username, displayName, passwordHash: null }, database);
      await database.insert(githubAccounts).values({ githubId: profile.githubId, userId: user.id });
      return user;
    } catch (error) {
      if (!(error instanceof UsernameTakenError)) throw error;
    }
  }
  throw new UsernameTakenError(profile.login);
}
