/** Application command routes, global and per guild, for this application only (403 20012 otherwise). */
import { noContent, ok, type Context } from './context.js';
import { apiErrors } from './errors.js';
import type { ApiRequest, Route } from './server.js';

export function commandRoutes(ctx: Context): Route[] {
  const { commands, world } = ctx;
  const scope = ({ params }: ApiRequest): string | null => {
    if (params.application !== world.applicationId) throw apiErrors.notAuthorizedForApplication();
    return params.guild ?? null;
  };
  const routes: Route[] = [];
  for (const base of ['/applications/:application/commands', '/applications/:application/guilds/:guild/commands']) {
    routes.push(
      { method: 'GET', pattern: base, auth: 'bot', handle: (request) => ok(commands.list(scope(request))) },
      { method: 'PUT', pattern: base, auth: 'bot', handle: (request) => ok(commands.overwrite(scope(request), request.body)) },
      {
        method: 'POST',
        pattern: base,
        auth: 'bot',
        handle: (request) => {
          const { created, command } = commands.upsert(scope(request), request.body);
          return ok(command, created ? 201 : 200);
        },
      },
      { method: 'GET', pattern: `${base}/:command`, auth: 'bot', handle: (request) => ok(commands.get(scope(request), request.params.command!)) },
      {
        method: 'DELETE',
        pattern: `${base}/:command`,
        auth: 'bot',
        handle: (request) => {
          commands.remove(scope(request), request.params.command!);
          return noContent();
        },
      },
    );
  }
  return routes;
}
