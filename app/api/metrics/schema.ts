import { z } from 'zod';

import type { MetricsRequest } from '@/server/graph/node-metrics';
import { parseDuration } from '@/server/prometheus/promql';

import { checked, durationParam, queryTimeParam } from '../namespaces/graph/schema';

const nodeIdParam = (what: string) =>
  z
    .string({ error: `is required: the ${what} graph node id (e.g. wl:bookinfo:reviews-v1)` })
    .min(1);

const range = {
  duration: durationParam,
  step: z.string().transform(checked(parseDuration)).optional(),
  queryTime: queryTimeParam,
};

/** `GET /api/metrics?node=&direction=inbound|outbound&duration=&step=&queryTime=` */
export const nodeMetricsQuery = z
  .object({
    node: nodeIdParam('chart'),
    direction: z
      .enum(['inbound', 'outbound'], { error: 'must be inbound or outbound' })
      .default('inbound'),
    ...range,
  })
  .transform((p): MetricsRequest => ({
    kind: 'node',
    node: p.node,
    direction: p.direction,
    duration: p.duration,
    ...(p.step !== undefined ? { step: p.step } : {}),
    ...(p.queryTime !== undefined ? { end: p.queryTime } : {}),
  }));

/** `GET /api/metrics/edge?source=&target=&duration=&step=&queryTime=` */
export const edgeMetricsQuery = z
  .object({ source: nodeIdParam('source'), target: nodeIdParam('target'), ...range })
  .transform((p): MetricsRequest => ({
    kind: 'edge',
    source: p.source,
    target: p.target,
    duration: p.duration,
    ...(p.step !== undefined ? { step: p.step } : {}),
    ...(p.queryTime !== undefined ? { end: p.queryTime } : {}),
  }));
