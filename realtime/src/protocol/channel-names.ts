export type ChannelKind = 'public' | 'private' | 'private-encrypted' | 'presence' | 'server-to-user';

/** Pusher channel names: [A-Za-z0-9_\-=@,.;] only. */
const CHANNEL_NAME_PATTERN = /^[A-Za-z0-9_\-=@,.;]+$/;
/** The per-user channel pusher-js subscribes to after signin, and `pusher.sendToUser` publishes to. */
export const SERVER_TO_USER_PREFIX = '#server-to-user-';

export function channelKind(name: string): ChannelKind {
  if (name.startsWith(SERVER_TO_USER_PREFIX)) return 'server-to-user';
  if (name.startsWith('private-encrypted-')) return 'private-encrypted';
  if (name.startsWith('private-')) return 'private';
  if (name.startsWith('presence-')) return 'presence';
  return 'public';
}

/** Returns the problem with a channel name, or null when it is valid. */
export function channelNameProblem(name: unknown, maxLength: number): string | null {
  if (typeof name !== 'string' || name === '') return 'channel name is missing';
  if (name.length > maxLength) return `channel name is longer than ${maxLength} characters`;
  if (name.startsWith(SERVER_TO_USER_PREFIX)) {
    return name.length > SERVER_TO_USER_PREFIX.length ? null : 'server-to-user channel needs a user id';
  }
  if (!CHANNEL_NAME_PATTERN.test(name)) return 'channel name may only contain A-Z a-z 0-9 _ - = @ , . ;';
  return null;
}

export function userIdOfServerToUserChannel(name: string): string {
  return name.slice(SERVER_TO_USER_PREFIX.length);
}
