import { z } from 'zod';
import type { App } from '../app';
import { HttpError } from '../errors';
import { channelNameProblem } from '../protocol/channel-names';
import { parseJsonBody } from './body';
import { attributesOf, channelAttributes, parseInfo } from './channel-info';
import type { ApiContext } from './context';

const socketId = z.string().regex(/^\d+\.\d+$/, 'socket_id must look like 123.456');

const eventSchema = z.object({
  name: z.string().min(1, 'name is required'),
  data: z.string({ error: 'data must be a string (JSON-encode objects)' }),
  channel: z.string().optional(),
  channels: z.array(z.string()).optional(),
  socket_id: socketId.optional(),
  info: z.string().optional(),
});

const batchSchema = z.object({
  batch: z.array(z.unknown(), { error: 'batch must be an array of events' }),
});

type EventInput = z.output<typeof eventSchema>;

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new HttpError(400, `${where}${issue?.message ?? 'invalid request'}`);
  }
  return result.data;
}

/** Validates one event and returns its channels; throws 400 / 413. */
function validateEvent(app: App, event: EventInput, allowMany: boolean): string[] {
  const limits = app.config.limits;
  if (event.name.length > limits.maxEventNameLength) {
    throw new HttpError(400, `event name is longer than ${limits.maxEventNameLength} characters`);
  }
  let channels: string[];
  if (event.channels !== undefined && allowMany) channels = event.channels;
  else if (event.channel !== undefined) channels = [event.channel];
  else throw new HttpError(400, allowMany ? 'channel or channels is required' : 'channel is required');
  if (channels.length === 0) throw new HttpError(400, 'channels must not be empty');
  if (channels.length > limits.maxTriggerChannels) {
    throw new HttpError(400, `at most ${limits.maxTriggerChannels} channels per event`);
  }
  for (const channel of channels) {
    const problem = channelNameProblem(channel, limits.maxChannelNameLength);
    if (problem !== null) throw new HttpError(400, `invalid channel "${channel.slice(0, 200)}": ${problem}`);
  }
  if (Buffer.byteLength(event.data, 'utf8') > limits.maxEventPayloadBytes) {
    throw new HttpError(413, `event data is larger than ${limits.maxEventPayloadBytes} bytes`);
  }
  return [...new Set(channels)];
}

async function publish(app: App, event: EventInput, channels: string[]): Promise<void> {
  await Promise.all(channels.map((channel) => app.state.publish(app, channel, event.name, event.data, event.socket_id)));
  app.events.emit('api_event', { appId: app.id, event: event.name, channels, bytes: Buffer.byteLength(event.data, 'utf8') });
}

/** POST /apps/{id}/events */
export async function triggerEvent({ app, body }: ApiContext): Promise<unknown> {
  const event = parseOrThrow(eventSchema, parseJsonBody(body));
  const channels = validateEvent(app, event, true);
  const info = parseInfo(event.info);
  await publish(app, event, channels);
  if (info.size === 0) return {};
  return { channels: Object.fromEntries(await attributesOf(app, channels, info)) };
}

/** POST /apps/{id}/batch_events: all events are validated before any is published. */
export async function triggerBatch({ app, body }: ApiContext): Promise<unknown> {
  const { batch } = parseOrThrow(batchSchema, parseJsonBody(body));
  const max = app.config.limits.maxBatchEvents;
  if (batch.length > max) throw new HttpError(400, `at most ${max} events per batch`);
  const events = batch.map((raw, index) => {
    try {
      const event = parseOrThrow(eventSchema, raw);
      return { event, channels: validateEvent(app, event, false), info: parseInfo(event.info) };
    } catch (error) {
      if (error instanceof HttpError) throw new HttpError(error.status, `batch[${index}]: ${error.message}`);
      throw error;
    }
  });
  // All in one event-loop turn, in batch order: over Redis they leave in one write and one round trip.
  await Promise.all(events.map(({ event, channels }) => publish(app, event, channels)));
  if (events.every(({ info }) => info.size === 0)) return {};
  const firstChannels = events.map(({ channels }) => channels[0] as string);
  const summaries = await app.state.channelSummaries(app, firstChannels);
  return {
    batch: events.map(({ channels, info }) => channelAttributes(channels[0] as string, summaries.get(channels[0] as string), info)),
  };
}
