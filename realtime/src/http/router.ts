import { HttpError } from '../errors';

export type RouteParams = Record<string, string>;

export interface Route<H> {
  method: string;
  /** e.g. `/apps/:appId/channels/:channelName` */
  path: string;
  handler: H;
}

interface CompiledRoute<H> extends Route<H> {
  segments: string[];
}

export type RouteMatch<H> = { route: Route<H>; params: RouteParams };

/** A tiny exact-segment router: `:name` segments capture one (percent-decoded) path segment. */
export class Router<H> {
  private readonly routes: CompiledRoute<H>[] = [];

  add(method: string, path: string, handler: H): this {
    this.routes.push({ method, path, handler, segments: split(path) });
    return this;
  }

  /** Returns the match, null when no path matches; throws 405 when the path exists for another method. */
  match(method: string, pathname: string): RouteMatch<H> | null {
    const parts = split(pathname);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (params === null) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { route, params };
      pathMatched = true;
    }
    if (pathMatched) throw new HttpError(405, `method ${method} not allowed on ${pathname}`);
    return null;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchSegments(pattern: string[], parts: string[]): RouteParams | null {
  if (pattern.length !== parts.length) return null;
  const params: RouteParams = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i] as string;
    const actual = parts[i] as string;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        throw new HttpError(400, 'malformed percent-encoding in the path');
      }
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}
