/** Public surface for tooling built on the server (issue 5: webhooks, metrics). */
export { startRealtimeServer, type RealtimeServer, type StartOptions } from './server';
export { RealtimeEvents, type RealtimeEventMap, type RealtimeEventName, type RealtimeListener } from './events';
export { parseServerConfig, ConfigError, type ServerConfig, type ServerConfigInput, type AppConfig, type AppLimits } from './config/schema';
export { loadConfigFromEnv } from './config/env';
export { CloseCode } from './errors';
export type { Logger } from './logger';
export { createLogger, chooseLogFormat, type LogFields, type LogFormat } from './logger';
export type { ServerMetrics } from './metrics/metrics';
export { webhookSignature, type WebhookEvent } from './webhooks/payload';
export type { WebhookConfig, WebhookOptions, WebhookEventName } from './config/schema';
