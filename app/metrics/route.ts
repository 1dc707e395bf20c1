import { selfMetrics } from '@/server/self/metrics';

export const dynamic = 'force-dynamic';

/** Meshscope's own metrics in Prometheus' text format (see server/self/metrics.ts). */
export async function GET() {
  const { registry } = selfMetrics();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType },
  });
}
