import { z } from 'zod';
import type { Server } from 'socket.io';
import { COMMAND_INPUTS, CommandResult, type CommandName } from '../../shared/domain/commands';
import type { HubDatabase } from '../db/hubDatabase';
import { HubError } from '../http/hubError';
import { defineRoute, type RouteSpec } from '../http/routeSpec';
import type { Actor } from './actor';
import { COMMAND_HANDLERS, COMMAND_NAMES, COMMAND_ROLES } from './commandCatalogue';
import { runCommand } from './commandRunner';
import type { CommandHandler } from './caseCommands';
import type { CommandFaults } from './commandFaults';

/** Resolves the caller from a bearer token; throws a 401 HubError when there is none or it is bad. */
export type Authenticate = (authorization: string | undefined) => Promise<Actor>;

const ErrorBody = z.object({ error: z.string(), message: z.string() });

/** The one path every command takes, over HTTP or socket.io: role, validation, exactly-once effect. */
export async function executeCommand(
  db: HubDatabase,
  name: string,
  actor: Actor,
  rawInput: unknown,
  now: Date = new Date(),
): Promise<CommandResult> {
  if (!Object.prototype.hasOwnProperty.call(COMMAND_INPUTS, name)) {
    throw new HubError(404, 'unknownCommand', `No command named ${name.slice(0, 60)}.`);
  }
  const command = name as CommandName;
  if (actor.role === 'citizen' || !COMMAND_ROLES[command].includes(actor.role)) {
    throw new HubError(403, 'forbidden', `A ${actor.role} may not ${command}.`);
  }
  const parsed = COMMAND_INPUTS[command].safeParse(rawInput);
  if (!parsed.success) throw new HubError(400, 'badRequest', `Invalid ${command}: ${z.prettifyError(parsed.error)}`);
  const input = parsed.data as { clientId: string };
  // The parse above produced exactly this command's input; TypeScript cannot correlate the two lookups.
  const handler = COMMAND_HANDLERS[command] as CommandHandler<CommandName>;
  return runCommand(db, command, actor, input.clientId, (tx) => handler(tx, input as never, actor, now));
}

export function commandRoutes(db: HubDatabase, authenticate: Authenticate, faults: CommandFaults = {}): RouteSpec[] {
  return COMMAND_NAMES.map((name) =>
    defineRoute({
      method: 'POST',
      url: `/api/commands/${name}`,
      summary: `${name} (roles: ${COMMAND_ROLES[name].join(', ')}). Idempotent by clientId.`,
      tag: 'commands',
      body: COMMAND_INPUTS[name],
      responses: {
        200: { description: 'Done, or the first result of a resend', schema: CommandResult },
        400: { description: 'Invalid input', schema: ErrorBody },
        401: { description: 'No valid token', schema: ErrorBody },
        403: { description: 'Wrong role', schema: ErrorBody },
        404: { description: 'No such case (or not yours)', schema: ErrorBody },
        409: {
          description:
            'Conflict: a stale version (a case, or the SLA rules an edit was built on), a claim held by another, a reused client id',
          schema: ErrorBody,
        },
      },
      handle: async ({ body }, _reply, request) => {
        const result = await executeCommand(db, name, await authenticate(request.headers.authorization), body);
        faults.afterCommit?.(name);
        return result;
      },
    }),
  );
}

const SocketCommand = z.object({ name: z.string().max(64), input: z.unknown() }).strict();

/** Commands over socket.io with acknowledgements: the same path as HTTP, errors as { ok: false, error, message }. */
export function attachCommandSocket(io: Server, db: HubDatabase, faults: CommandFaults = {}): void {
  io.on('connection', (socket) => {
    socket.on('command', async (raw: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (answer: unknown) => void;
      try {
        // Signed in when the socket connected (see hubServer): the same actor for every command on it.
        const actor = (socket.data as { actor?: Actor }).actor;
        if (!actor) throw new HubError(401, 'unauthenticated', 'Sign in first.');
        const parsed = SocketCommand.safeParse(raw);
        if (!parsed.success) throw new HubError(400, 'badRequest', 'A command is { name, input }.');
        const result = await executeCommand(db, parsed.data.name, actor, parsed.data.input);
        faults.afterCommit?.(parsed.data.name);
        reply(result);
      } catch (error) {
        if (error instanceof HubError)
          reply({ ok: false, status: error.statusCode, error: error.code, message: error.message });
        else reply({ ok: false, status: 500, error: 'internal', message: 'The hub failed to run this command.' });
      }
    });
  });
}
