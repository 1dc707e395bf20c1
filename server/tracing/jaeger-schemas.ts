import 'server-only';

import { z } from 'zod';

/**
 * zod schemas for the Jaeger responses Meshscope reads, checked at the edge so a wrong shape is a
 * clear upstream error instead of a crash deep in the tree builder. Only fields we use are
 * declared; extra fields pass through untouched.
 */

/** Jaeger serializes int64 beyond ±2^53−1 as a string, and binary as base64: accept any scalar. */
const kvValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const classicKeyValue = z.object({
  key: z.string(),
  type: z.string().optional(),
  value: kvValue.optional(),
});

const classicReference = z.object({
  refType: z.string(),
  traceID: z.string(),
  spanID: z.string(),
});

export const classicSpan = z.object({
  traceID: z.string(),
  spanID: z.string(),
  operationName: z.string(),
  references: z.array(classicReference).nullish(),
  /** Deprecated, still sent by a few producers. */
  parentSpanID: z.string().nullish(),
  startTime: z.number(),
  duration: z.number(),
  tags: z.array(classicKeyValue).nullish(),
  logs: z
    .array(z.object({ timestamp: z.number(), fields: z.array(classicKeyValue).nullish() }))
    .nullish(),
  processID: z.string().nullish(),
  /** Older servers inline the process instead of using processID. */
  process: z
    .object({ serviceName: z.string(), tags: z.array(classicKeyValue).nullish() })
    .nullish(),
  warnings: z.array(z.string()).nullish(),
});

export const classicTrace = z.object({
  traceID: z.string(),
  spans: z.array(classicSpan),
  processes: z
    .record(
      z.string(),
      z.object({ serviceName: z.string(), tags: z.array(classicKeyValue).nullish() }),
    )
    .nullish(),
  warnings: z.array(z.string()).nullish(),
});

const classicError = z.object({
  code: z.number().optional(),
  msg: z.string(),
  traceID: z.string().optional(),
});

/** `{data, total, limit, offset, errors}`: the classic envelope. */
export function classicEnvelope<T extends z.ZodType>(data: T) {
  return z.object({ data: data.nullish(), errors: z.array(classicError).nullish() });
}

export const classicTracesResponse = classicEnvelope(z.array(classicTrace));
export const classicStringsResponse = classicEnvelope(z.array(z.string()));
export const classicErrorBody = z.object({ errors: z.array(classicError).nullish() });

/** int64 in proto-JSON is a string; some servers send numbers. */
const int64 = z.union([z.string().regex(/^-?\d+$/), z.number()]).transform((v) => Number(v));

/**
 * A Unix time in ns (proto-JSON int64, usually a string) → µs. ns values exceed 2^53, so the
 * string is cut before converting to keep µs exact.
 */
const nanosAsMicros = z
  .union([z.string().regex(/^\d+$/), z.number()])
  .transform((v) =>
    typeof v === 'number' ? Math.floor(v / 1_000) : v.length > 3 ? Number(v.slice(0, -3)) : 0,
  );

export const v3TraceSummary = z.object({
  traceId: z.string(),
  rootServiceName: z.string().nullish(),
  rootOperationName: z.string().nullish(),
  minStartTimeUnixNano: nanosAsMicros,
  maxEndTimeUnixNano: nanosAsMicros,
  spanCount: int64.nullish(),
  errorSpanCount: int64.nullish(),
  orphanSpanCount: int64.nullish(),
  services: z
    .array(
      z.object({ name: z.string(), spanCount: int64.nullish(), errorSpanCount: int64.nullish() }),
    )
    .nullish(),
});

export const v3TraceSummariesResponse = z.object({ summaries: z.array(v3TraceSummary).nullish() });
export const v3ServicesResponse = z.object({ services: z.array(z.string()).nullish() });
export const v3OperationsResponse = z.object({
  operations: z.array(z.object({ name: z.string(), spanKind: z.string().nullish() })).nullish(),
});
export const v3ErrorBody = z.object({
  error: z.object({ httpCode: z.number().optional(), message: z.string() }),
});

export type ClassicTrace = z.infer<typeof classicTrace>;
export type ClassicKeyValue = z.infer<typeof classicKeyValue>;
export type V3TraceSummary = z.infer<typeof v3TraceSummary>;
