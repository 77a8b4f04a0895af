import { z } from 'zod';

/** Every environment variable the app reads. `.env.example` documents each one. */
const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const port = z.coerce.number().int().min(1).max(65_535);

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value === 'true' || value === '1'));

/** next-auth signs session cookies with this; 32 bytes of entropy is what `npx auth secret` generates. */
export const MIN_AUTH_SECRET_LENGTH = 32;

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),

  AUTH_SECRET: z.string().min(MIN_AUTH_SECRET_LENGTH, `must be at least ${MIN_AUTH_SECRET_LENGTH} characters`),
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,

  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATA_DIR: z.string().default('.data'),

  PUSHER_APP_ID: z.string().min(1),
  PUSHER_APP_KEY: z.string().min(1),
  PUSHER_APP_SECRET: z.string().min(1),
  PUSHER_CLUSTER: optionalString,
  PUSHER_HOST: optionalString,
  PUSHER_PORT: port.optional(),
  PUSHER_TLS: booleanFlag,

  REALTIME_HOST: z.string().default('127.0.0.1'),
  REALTIME_PORT: port.default(6001),

  NEXT_PUBLIC_PUSHER_KEY: optionalString,
  NEXT_PUBLIC_PUSHER_CLUSTER: optionalString,
  NEXT_PUBLIC_PUSHER_HOST: optionalString,
  NEXT_PUBLIC_PUSHER_PORT: port.optional(),
  NEXT_PUBLIC_PUSHER_TLS: booleanFlag,
});

export type Env = z.infer<typeof envSchema>;
