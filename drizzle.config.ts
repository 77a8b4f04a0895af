import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` writes SQL migrations; the app applies them itself on first use (lib/db/client.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema.ts',
  out: './lib/db/migrations',
});
