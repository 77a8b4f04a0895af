/**
 * `npm run dev | build | start`: prepares `.env.local` on first run, then runs Next.js together with the
 * embedded realtime server (unless an external Pusher-compatible server is configured). Ctrl-C stops both;
 * if either dies, the other is stopped and the failure is reported.
 */
import { existsSync } from 'node:fs';
import { loadEnvConfig } from '@next/env';
import { ConfigError, parseConfig, type AppConfig } from '../lib/config';
import { ensureLocalEnvFile } from '../lib/config/env-file';
import { Supervisor } from './supervisor';

const MODES = ['dev', 'build', 'start'] as const;
type Mode = (typeof MODES)[number];

const REALTIME_READY = /realtime listening on (\S+)/;
const NEXT_READY = /Ready in/;
const NEXT_BIN = 'node_modules/next/dist/bin/next';
const APP_SERVER_SOURCE = 'scripts/app-server.ts';
const APP_SERVER_BUNDLE = 'scripts/dist/app-server.mjs';
const WEBHOOK_PATH = '/api/pusher/webhook';
const REALTIME_SOURCE = 'realtime/src/main.ts';
const REALTIME_BUNDLE = 'realtime/dist/main.mjs';
/** The realtime server's Node flags: the same as `npm run realtime` (see realtime/src/node-flags.ts). */
const REALTIME_NODE_FLAGS = ['--max-semi-space-size=2'];

function readMode(argument: string | undefined): Mode {
  const mode = MODES.find((candidate) => candidate === argument);
  if (!mode) throw new Error(`usage: tsx scripts/launch.ts ${MODES.join('|')}`);
  return mode;
}

/** dev runs the TypeScript source; start runs the bundle `npm run build` made (no loader in production). */
function realtimeEntry(mode: Mode): string[] {
  if (mode === 'dev') return ['--import', 'tsx', REALTIME_SOURCE];
  if (!existsSync(REALTIME_BUNDLE)) throw new Error(`${REALTIME_BUNDLE} is missing: run \`npm run build\` first`);
  return ['--enable-source-maps', REALTIME_BUNDLE];
}

/** The app server (Next behind the client-address front, scripts/app-server.ts): source in dev, bundle in start. */
function appServerEntry(mode: Mode): string[] {
  if (mode === 'dev') return ['--import', 'tsx', APP_SERVER_SOURCE, mode];
  if (!existsSync(APP_SERVER_BUNDLE)) throw new Error(`${APP_SERVER_BUNDLE} is missing: run \`npm run build\` first`);
  return ['--enable-source-maps', APP_SERVER_BUNDLE, mode];
}

function loadConfig(mode: Mode): AppConfig {
  const created = ensureLocalEnvFile(process.cwd());
  if (created) console.log(`[presently] created ${created} with fresh random secrets for this machine (never commit it)`);
  loadEnvConfig(process.cwd(), mode === 'dev');
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[presently] ${error.message}\nSee .env.example for every setting.`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const mode = readMode(process.argv[2]);
  const config = loadConfig(mode);
  const supervisor = new Supervisor().stopOnSignals();

  if (mode === 'build') {
    const steps: Array<[string, string, string[]]> = [
      ['realtime', 'npm', ['run', '--silent', 'build:realtime']],
      ['app-server', 'npm', ['run', '--silent', 'build:app-server']],
      ['next', process.execPath, [NEXT_BIN, 'build']],
    ];
    for (const [name, command, args] of steps) {
      const code = await supervisor.runToCompletion(name, command, args, {
        NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? '1',
      });
      if (code !== 0) process.exit(code);
    }
    process.exit(0);
  }

  if (config.realtime.mode === 'embedded') {
    const url = await supervisor.start({
      name: 'realtime',
      command: process.execPath,
      args: [...REALTIME_NODE_FLAGS, ...realtimeEntry(mode)],
      env: {
        REALTIME_HOST: config.realtime.host,
        REALTIME_PORT: String(config.realtime.port),
        PUSHER_APP_ID: config.pusher.appId,
        PUSHER_APP_KEY: config.pusher.key,
        PUSHER_APP_SECRET: config.pusher.secret,
        // 1,000 people per room unless REALTIME_MAX_PRESENCE_MEMBERS says otherwise (the server alone keeps Pusher's 100).
        REALTIME_MAX_PRESENCE_MEMBERS: String(config.realtime.maxPresenceMembers),
        // Presence webhooks feed the lobby's live occupancy (app/api/pusher/webhook).
        REALTIME_WEBHOOK_URL: process.env.REALTIME_WEBHOOK_URL ?? `http://127.0.0.1:${config.port}${WEBHOOK_PATH}`,
        // The launcher pipes the server's output, which would otherwise switch it to JSON logs.
        REALTIME_LOG_FORMAT: process.env.REALTIME_LOG_FORMAT ?? 'pretty',
      },
      readyPattern: REALTIME_READY,
    });
    console.log(`[presently] embedded realtime server: ${url} (pid ${supervisor.pid('realtime')})`);
  } else {
    const where = 'cluster' in config.pusher ? `Pusher cluster ${config.pusher.cluster}` : `${config.pusher.host}:${config.pusher.port}`;
    console.log(`[presently] using the external Pusher-compatible server at ${where}`);
  }

  await supervisor.start({
    name: 'next',
    command: process.execPath,
    args: appServerEntry(mode),
    env: {
      NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? '1',
      NODE_ENV: mode === 'dev' ? 'development' : 'production',
    },
    readyPattern: NEXT_READY,
  });
  console.log(`[presently] app: http://localhost:${config.port}`);
}

main().catch((error: unknown) => {
  console.error(`[presently] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
