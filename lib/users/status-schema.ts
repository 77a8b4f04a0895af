import { z } from 'zod';
import { STATUS_MAX_LENGTH } from '@/lib/db/limits';

/** A status as saved: trimmed, at most 100 characters, '' clears it. */
export const statusTextSchema = z.string().trim().max(STATUS_MAX_LENGTH, `at most ${STATUS_MAX_LENGTH} characters`);
