// Which handler answers a path: the routes of one wire profile, matched segment by segment, with
// the parameterless ones looked up by their exact path first (a create needs no matching).
import type { WireProfile } from './profiles.ts';
import { advanceClock, getClock, getPlatform } from './routes/control.ts';
import { getHealth } from './routes/health.ts';
import { getLog } from './routes/logs.ts';
import { createOfferSet, getOfferSet } from './routes/offersets.ts';
import { directSession, getSession, updateSession } from './routes/sessions.ts';
import type { Route } from './routes/types.ts';

export interface Match {
  route: Route;
  params: Record<string, string>;
}

const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

function split(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

function routesFor(profile: WireProfile, control: boolean): Route[] {
  const routes: Route[] = [
    { segments: split(profile.createPath), methods: { POST: createOfferSet } },
    { segments: split(profile.directPath), methods: { POST: directSession } },
    { segments: ['offersets', ':uuid'], methods: { GET: getOfferSet } },
    { segments: ['sessions', ':uuid'], methods: { GET: getSession, POST: updateSession } },
    // A session's log connectors (stdout-get, stderr-get): plain text whatever Accept says.
    { segments: ['sessions', ':uuid', 'docker', ':stream'], methods: { GET: getLog }, text: true },
    // Health answers without credentials, as the Java broker's actuator does.
    { segments: ['health'], methods: { GET: getHealth }, public: true },
    { segments: ['actuator', 'health'], methods: { GET: getHealth }, public: true },
  ];
  if (control) {
    // Test-only, and open: a suite drives the clock whoever it acts as.
    routes.push(
      { segments: ['_control', 'clock'], methods: { GET: getClock }, public: true },
      { segments: ['_control', 'advance'], methods: { POST: advanceClock }, public: true },
      { segments: ['_control', 'platform'], methods: { GET: getPlatform }, public: true },
    );
  }
  return routes;
}

function search(routes: readonly Route[], path: string): Match | undefined {
  const parts = split(path);
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const fits = route.segments.every((segment, i) => {
      const part = parts[i]!;
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = part;
        return true;
      }
      return segment === part;
    });
    if (fits) return { route, params };
  }
  return undefined;
}

/** The path of a request target, without its query, percent-decoded where that is valid. */
export function decodePath(raw: string): string {
  const query = raw.indexOf('?');
  const path = query === -1 ? raw : raw.slice(0, query);
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export class Router {
  private readonly routes: Route[];
  private readonly exact = new Map<string, Route>();

  constructor(profile: WireProfile, control: boolean) {
    this.routes = routesFor(profile, control);
    // A route an earlier one would shadow is left to the ordered search, which keeps the first.
    this.routes.forEach((route, index) => {
      if (route.segments.some((segment) => segment.startsWith(':'))) return;
      const path = `/${route.segments.join('/')}`;
      if (search(this.routes.slice(0, index), path) === undefined && !this.exact.has(path))
        this.exact.set(path, route);
    });
  }

  match(path: string): Match | undefined {
    const direct = this.exact.get(path);
    if (direct !== undefined) return { route: direct, params: NO_PARAMS };
    return search(this.routes, path);
  }
}
