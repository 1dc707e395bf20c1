import 'server-only';

import type { z } from 'zod';

import { AppError, errorResponse } from './app-error';

/** Parses URL search params with a zod schema; a failure is a 400 naming the field. */
export function parseQuery<T extends z.ZodType>(schema: T, url: string | URL): z.infer<T> {
  const params = Object.fromEntries(new URL(url).searchParams.entries());
  return parseWith(schema, params);
}

/** Parses a value with a zod schema; a failure is a 400 naming the field. */
export function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  code: 'bad_request' | 'invalid' = 'bad_request',
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw new AppError(code, `${where}${issue.message}`);
  }
  return result.data;
}

/** Wraps a route handler body so every thrown error becomes the shared error envelope. */
export async function handle(fn: () => Promise<unknown>): Promise<Response> {
  try {
    const body = await fn();
    return body instanceof Response ? body : Response.json(body);
  } catch (err) {
    return errorResponse(err);
  }
}
