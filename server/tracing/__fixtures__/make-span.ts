import type { SpanRecord } from '../types';

/** A hand-made span for unit tests: times in ms (readable), stored as µs. */
export function span(
  id: string,
  opts: {
    parent?: string;
    follows?: string;
    service?: string;
    start: number;
    dur: number;
    kind?: string;
    error?: boolean;
    tags?: Record<string, string>;
    processTags?: Record<string, string>;
  },
): SpanRecord {
  const refs: SpanRecord['references'] = [];
  if (opts.parent) refs.push({ refType: 'CHILD_OF', traceId: 't1', spanId: opts.parent });
  if (opts.follows) refs.push({ refType: 'FOLLOWS_FROM', traceId: 't1', spanId: opts.follows });
  const kv = (o: Record<string, string> = {}) =>
    Object.entries(o).map(([key, value]) => ({ key, value, type: 'string' }));
  return {
    traceId: 't1',
    spanId: id,
    operation: `op-${id}`,
    service: opts.service ?? 'svc.ns',
    processTags: kv(opts.processTags),
    startUs: opts.start * 1_000,
    durationUs: opts.dur * 1_000,
    tags: kv({ ...(opts.kind ? { 'span.kind': opts.kind } : {}), ...opts.tags }),
    logs: [],
    references: refs,
    warnings: [],
    kind: opts.kind,
    error: opts.error ?? false,
  };
}
