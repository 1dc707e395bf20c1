import { z } from 'zod';

import { GRAPH_TYPES, type GraphQuery } from '@/server/model/graph';
import { namespaceName, parseDuration, PromQLInputError } from '@/server/prometheus/promql';

/** `true`/`false` query flags; anything else is a 400 naming the parameter. */
export function flag(defaultValue: boolean) {
  return z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? defaultValue : v === 'true'));
}

/** A PromQL-bound value checked by the one validator in server/prometheus/promql.ts. */
export function checked<T>(fn: (s: string) => T) {
  return (s: string, ctx: z.RefinementCtx): T => {
    try {
      return fn(s);
    } catch (err) {
      if (!(err instanceof PromQLInputError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message });
      return z.NEVER;
    }
  };
}

/** Up to 500 namespaces in one graph; more is almost certainly a mistake in the URL. */
const MAX_NAMESPACES = 500;

export const namespacesParam = z
  .string({ error: 'is required: a comma-separated list of namespace names' })
  .transform(
    checked((s) => {
      const list = [
        ...new Set(
          s
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
        ),
      ];
      if (list.length === 0) throw new PromQLInputError('at least one namespace is required');
      if (list.length > MAX_NAMESPACES) {
        throw new PromQLInputError(`at most ${MAX_NAMESPACES} namespaces per graph`);
      }
      return list.map(namespaceName);
    }),
  );

export const durationParam = z.string().default('60s').transform(checked(parseDuration));

export const queryTimeParam = z.coerce
  .number({ error: 'must be unix seconds' })
  .int('must be whole unix seconds')
  .positive('must be unix seconds')
  .optional();

type Quantile = NonNullable<GraphQuery['responseTimeQuantiles']>[number];

/** `p95`, `p50,p99`, `all` or `none` (the average only) → the quantiles to compute. */
export function parseQuantiles(s: string): Quantile[] {
  if (s === 'all') return ['p50', 'p95', 'p99'];
  if (s === 'none') return [];
  const list = s.split(',').map((x) => x.trim());
  for (const x of list) {
    if (x !== 'p50' && x !== 'p95' && x !== 'p99') {
      throw new PromQLInputError(`unknown quantile "${x}": use p50, p95, p99, all or none`);
    }
  }
  return list as Quantile[];
}

/** `GET /api/namespaces/graph` query parameters → GraphQuery. */
export const graphQuerySchema = z
  .object({
    namespaces: namespacesParam,
    graphType: z
      .enum(GRAPH_TYPES as [string, ...string[]], {
        error: `must be one of ${GRAPH_TYPES.join(', ')}`,
      })
      .default('versionedApp'),
    duration: durationParam,
    queryTime: queryTimeParam,
    injectServiceNodes: flag(true),
    idleNodes: flag(false),
    idleEdges: flag(false),
    responseTime: z.string().transform(checked(parseQuantiles)).optional(),
    throughput: flag(true),
  })
  .transform((p): GraphQuery => ({
    namespaces: p.namespaces,
    graphType: p.graphType as GraphQuery['graphType'],
    duration: p.duration,
    ...(p.queryTime !== undefined ? { queryTime: p.queryTime } : {}),
    injectServiceNodes: p.injectServiceNodes,
    includeIdleNodes: p.idleNodes,
    includeIdleEdges: p.idleEdges,
    ...(p.responseTime !== undefined ? { responseTimeQuantiles: p.responseTime } : {}),
    ...(p.throughput ? {} : { throughput: false }),
  }));
