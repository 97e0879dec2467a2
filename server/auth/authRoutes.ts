import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/routeSpec';
import type { AuthService } from './authService';

const ErrorBody = z.object({ error: z.string(), message: z.string() });
const Tokens = z.object({ accessToken: z.string(), refreshToken: z.string(), expiresIn: z.number() });
const RefreshBody = z.object({ refreshToken: z.string().min(10).max(200) }).strict();

export function authRoutes(auth: AuthService): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/auth/login',
      summary: 'Sign in with username and password: a 10-minute access token and a rotating 12-hour refresh token.',
      tag: 'auth',
      body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }).strict(),
      responses: {
        200: { description: 'Signed in', schema: Tokens },
        401: { description: 'Wrong username or password', schema: ErrorBody },
        423: { description: 'Locked after repeated failures', schema: ErrorBody },
        429: { description: 'Too many attempts from this address', schema: ErrorBody },
      },
      perMinute: 20,
      handle: async ({ body }) => auth.login(body.username, body.password),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/refresh',
      summary: 'Trade a refresh token for new tokens; the old one is spent, and reusing a spent one ends the session.',
      tag: 'auth',
      body: RefreshBody,
      responses: {
        200: { description: 'Renewed', schema: Tokens },
        401: { description: 'Session ended', schema: ErrorBody },
      },
      handle: async ({ body }) => auth.refresh(body.refreshToken),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/logout',
      summary: 'End the session the refresh token belongs to.',
      tag: 'auth',
      body: RefreshBody,
      responses: { 200: { description: 'Signed out', schema: z.object({ ok: z.literal(true) }) } },
      handle: async ({ body }) => {
        await auth.logout(body.refreshToken);
        return { ok: true };
      },
    }),
  ];
}
