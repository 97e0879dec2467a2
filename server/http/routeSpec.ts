import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HubError } from './hubError';

/**
 * A route described once: fastify serves it and the OpenAPI document is
 * generated from the same zod schemas, so the two cannot drift apart.
 */
export interface RouteSpec<
  B extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
> {
  method: 'GET' | 'POST';
  url: string;
  summary: string;
  tag: string;
  body?: B;
  query?: Q;
  params?: P;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  /** Requests per minute from one address, or per caller as a budget names them; absent means no limit of its own. */
  perMinute?: number | RateBudget;
  handle(
    input: { body: z.output<B>; query: z.output<Q>; params: z.output<P> },
    reply: FastifyReply,
    request: FastifyRequest,
  ): Promise<unknown>;
}

/** A rate limit whose callers are not addresses: `by` names the caller, `max` is that caller's budget a minute. */
export interface RateBudget {
  by(request: FastifyRequest): string;
  max(caller: string): number;
}

function rateLimitOf(perMinute: number | RateBudget) {
  return typeof perMinute === 'number'
    ? { max: perMinute, timeWindow: 60_000 }
    : {
        keyGenerator: (request: FastifyRequest) => perMinute.by(request),
        max: (_request: FastifyRequest, caller: string) => perMinute.max(caller),
        timeWindow: 60_000,
      };
}

export function defineRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  spec: RouteSpec<B, Q, P>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new HubError(400, 'badRequest', `Invalid ${where}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function registerRoutes(app: FastifyInstance, routes: readonly RouteSpec[]): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      ...(route.perMinute ? { config: { rateLimit: rateLimitOf(route.perMinute) } } : {}),
      handler: async (request, reply) => {
        const input = {
          body: parsePart(route.body, request.body, 'body'),
          query: parsePart(route.query, request.query, 'query'),
          params: parsePart(route.params, request.params, 'path'),
        };
        return route.handle(input as never, reply, request);
      },
    });
  }
}
