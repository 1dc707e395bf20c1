import { z } from 'zod';

import { ParamError } from './search';
import type { DemoSpan } from './span';

/**
 * Validation for spans pushed over HTTP (`POST /api/demo/spans`), for workloads that run in
 * another process than the store. In-process callers use the SpanSink directly.
 */

const hex = (max: number) =>
  z.string().regex(new RegExp(`^[0-9a-fA-F]{1,${max}}$`), `expected 1–${max} hex digits`);
const stringMap = z.record(z.string(), z.string());
const micros = z.number().int().nonnegative();

export const demoSpanSchema = z.object({
  traceId: hex(32),
  spanId: hex(16),
  references: z.array(
    z.object({
      refType: z.enum(['CHILD_OF', 'FOLLOWS_FROM']),
      traceId: hex(32),
      spanId: hex(16),
    }),
  ),
  operationName: z.string(),
  serviceName: z.string().min(1),
  processTags: stringMap,
  startTimeUs: micros,
  durationUs: micros,
  tags: stringMap,
  logs: z.array(z.object({ timestampUs: micros, fields: stringMap })),
}) satisfies z.ZodType<DemoSpan>;

/** Accepts `{"spans":[…]}` or a bare array; throws a ParamError naming the first bad field. */
export function parseSpanBatch(body: string): DemoSpan[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    throw new ParamError(`cannot parse request body as JSON: ${(err as Error).message}`);
  }
  const list = Array.isArray(json) ? json : (json as { spans?: unknown } | null)?.spans;
  const r = z.array(demoSpanSchema).safeParse(list);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.length ? `spans.${issue.path.join('.')}` : 'spans';
    throw new ParamError(`invalid span batch: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}
