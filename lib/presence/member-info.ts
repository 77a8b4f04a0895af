import type { MemberRole, User } from '@/lib/db/schema';

/**
 * What everyone in a room learns about a member: the `user_info` signed by `/api/pusher/user-auth` (no
 * `isAdmin`) and by `/api/pusher/auth` (business rooms add `isAdmin`). Always built from the database row,
 * never from the session token or the request.
 */
export type MemberInfo = {
  /** Display name. */
  name: string;
  /** `#rrggbb`, derived from the user. */
  color: string;
  status: string;
  /** ISO 8601, or null if the status was never set. */
  statusUpdatedAt: string | null;
  /** Only in business rooms. */
  isAdmin?: boolean;
};

type MemberSource = Pick<User, 'displayName' | 'color' | 'status' | 'statusUpdatedAt'>;

export function memberInfoFor(user: MemberSource, businessRole?: MemberRole): MemberInfo {
  return {
    name: user.displayName,
    color: user.color,
    status: user.status,
    statusUpdatedAt: user.statusUpdatedAt?.toISOString() ?? null,
    ...(businessRole ? { isAdmin: businessRole === 'admin' } : {}),
  };
}
