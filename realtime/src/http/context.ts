import type { App } from '../app';
import type { RouteParams } from './router';

/** What a signed REST endpoint receives: the app is resolved and the signature verified. */
export interface ApiContext {
  app: App;
  params: RouteParams;
  query: URLSearchParams;
  body: Buffer;
}

/** Returns (or resolves with) the JSON body of a 200 answer, or throws HttpError. */
export type ApiHandler = (context: ApiContext) => unknown;
