import type { LambdaHttpHandler } from './api-gateway';

export interface Route {
  method: string;
  /** API Gateway's route key, such as `GET /v1/platforms/{platformId}/flags`. */
  routeKey: string;
  functionName: string;
  handler: LambdaHttpHandler;
}

export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string>;
}

/**
 * Matches a request to a route key's `{name}` placeholders. A route is a
 * method and a path together, as in API Gateway: a known path asked with
 * another method matches nothing.
 */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): RouteMatch | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const template = route.routeKey.split(' ')[1] ?? '';
    const parameters = matchPath(template, path);
    if (parameters) return { route, pathParameters: parameters };
  }
  return undefined;
}

function matchPath(
  template: string,
  path: string,
): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${pattern}/?$`).exec(path);
  if (!match) return undefined;

  try {
    return Object.fromEntries(names.map((name, i) =>
      [name, decodeURIComponent(match[i + 1] ?? '')]));
  } catch {
    // A malformed percent-escape cannot name any resource.
    return undefined;
  }
}
