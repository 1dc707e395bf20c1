import { z } from 'zod';

const int = (what: string) =>
  z
    .string()
    .regex(/^\d+$/, `must be ${what}`)
    .transform((v) => Number(v));

/** Query of `GET /api/traces` (the search form). Durations are Go strings, times µs. */
export const traceSearchQuery = z.object({
  service: z.string().max(256).optional(),
  operation: z.string().max(1024).optional(),
  tags: z.string().max(4096).optional(),
  start: int('µs since the epoch').optional(),
  end: int('µs since the epoch').optional(),
  lookback: z.string().max(16).optional(),
  minDuration: z.string().max(32).optional(),
  maxDuration: z.string().max(32).optional(),
  limit: int('a whole number')
    .refine((n) => n >= 1 && n <= 1500, 'must be between 1 and 1500')
    .optional(),
});

/** Jaeger trace IDs: 1–32 hex chars (64- or 128-bit). */
export const traceIdParams = z.object({
  traceId: z.string().regex(/^[0-9a-fA-F]{1,32}$/, 'must be a hex trace ID (up to 32 chars)'),
});

export const spanParams = traceIdParams.extend({
  spanId: z.string().regex(/^[0-9a-fA-F]{1,16}$/, 'must be a hex span ID (up to 16 chars)'),
});

export const traceFindQuery = z.object({
  q: z.string().min(1, 'must not be empty').max(512),
});
