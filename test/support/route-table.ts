import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, SSE_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC, ROLES_KEY } from '../../src/auth/auth.decorators.js';
import type { Role } from '../../src/audit/caller.js';

/** One HTTP route of the running app, as Nest declared it and Express mounted it. */
export interface RouteEntry {
  /** e.g. `GET`. */
  method: string;
  /** The mounted path, e.g. `/api/v1/people/:id` (or `/health`, outside the prefix). */
  path: string;
  /** Controller.method, for messages. */
  handler: string;
  isPublic: boolean;
  /** The route's @Roles, as the guard reads them (handler over class); undefined: none. */
  roles: Role[] | undefined;
  sse: boolean;
}

export interface MountedRoute {
  method: string;
  path: string;
}

const joinPath = (...parts: string[]): string =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '')
    .join('/')}`;

/** Nest keeps a path as a string or a list of them; none means the controller's own. */
const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? ['/'] : [value].flat();

/** The guard's lookup: the handler's metadata overrides the class's. */
function metadata<T>(key: string, handler: object, controller: object): T | undefined {
  const own = Reflect.getMetadata(key, handler) as T | undefined;
  return own !== undefined ? own : (Reflect.getMetadata(key, controller) as T | undefined);
}

/** More methods than any handler declares: a route registered with `all`. */
const CATCH_ALL_METHODS = 20;

/**
 * Every route Express serves (the HTTP truth: includes routes added outside Nest). A
 * route answering every method (`app.all`, as Nest mounts its not-found handler on the
 * paths excluded from the global prefix) comes back once, as method `ALL`.
 */
export function mountedRoutes(app: INestApplication): MountedRoute[] {
  const express = app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string | string[]; methods: Record<string, boolean> } }[] };
  };
  const routes: MountedRoute[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    const methods = Object.entries(layer.route.methods)
      .filter(([method, on]) => on && method !== '_all')
      .map(([method]) => method.toUpperCase());
    const all = layer.route.methods._all || methods.length >= CATCH_ALL_METHODS;
    for (const path of [layer.route.path].flat())
      for (const method of all ? ['ALL'] : methods) routes.push({ method, path });
  }
  return routes;
}

/**
 * The route table of the running app, built from the metadata Nest routes by (not a hand
 * list, not the OpenAPI document): every controller of every module, every handler with
 * a request method. Each is placed at the path Express actually mounted it on, which
 * resolves the global prefix and its exclusions.
 */
export function routeTable(app: INestApplication): RouteEntry[] {
  const mounted = mountedRoutes(app);
  const isMounted = (method: string, path: string) =>
    mounted.some((route) => route.method === method && route.path === path);
  const table: RouteEntry[] = [];
  const seen = new Set<unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (abstract new (...args: never[]) => unknown) | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const prototype = controller.prototype as Record<string, unknown>;
      const names = new Set<string>();
      for (let proto: object | null = prototype; proto && proto !== Object.prototype;) {
        for (const name of Object.getOwnPropertyNames(proto)) names.add(name);
        proto = Object.getPrototypeOf(proto) as object | null;
      }
      for (const name of names) {
        if (name === 'constructor') continue;
        const handler = prototype[name];
        if (typeof handler !== 'function') continue;
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as
          RequestMethod | undefined;
        if (requestMethod === undefined) continue;
        const method = RequestMethod[requestMethod];
        for (const base of asList(
          Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined,
        ))
          for (const sub of asList(
            Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined,
          )) {
            const path = joinPath(base, sub);
            const candidates = [joinPath('api/v1', path), path].filter((p) => isMounted(method, p));
            table.push({
              method,
              // Not mounted at all: left unprefixed, and the caller's check reports it.
              path: candidates[0] ?? path,
              handler: `${controller.name}.${name}`,
              isPublic: metadata<boolean>(IS_PUBLIC, handler, controller) === true,
              roles: metadata<Role[]>(ROLES_KEY, handler, controller),
              sse: Reflect.getMetadata(SSE_METADATA, handler) === true,
            });
          }
      }
    }
  }
  return table;
}
