import { z } from 'zod';
import type { MemberInfo } from '@/lib/presence/member-info';
import { statusStampSchema } from '@/lib/presence/status/status-api';

const FALLBACK_COLOR = '#71717a';
const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/**
 * `user_info` arrives through the realtime server; it was signed by our own auth endpoint, but the browser
 * still checks its shape so a bad value degrades one row instead of breaking the room.
 */
const memberInfoSchema = z.object({
  name: z.string().catch('Someone'),
  color: z.string().regex(HEX_COLOR).catch(FALLBACK_COLOR),
  status: statusStampSchema.shape.status.catch(''),
  statusUpdatedAt: statusStampSchema.shape.statusUpdatedAt.catch(null),
  isAdmin: z.boolean().optional().catch(undefined),
});

export function parseMemberInfo(raw: unknown): MemberInfo {
  const parsed = memberInfoSchema.safeParse(raw ?? {});
  const info = parsed.success ? parsed.data : { name: 'Someone', color: FALLBACK_COLOR, status: '', statusUpdatedAt: null };
  return info.isAdmin === undefined ? { name: info.name, color: info.color, status: info.status, statusUpdatedAt: info.statusUpdatedAt } : info;
}
