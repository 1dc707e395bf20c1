import { graphService } from '@/server/graph/get-mesh-graph';
import { handle, parseQuery } from '@/server/http/handle';
import { selfMetrics } from '@/server/self/metrics';

import { graphQuerySchema } from './schema';

export const dynamic = 'force-dynamic';

/**
 * The topology graph: `?namespaces=a,b&graphType=&duration=&queryTime=&injectServiceNodes=
 * &idleNodes=&idleEdges=&responseTime=` → MeshGraph (server/model/graph.ts).
 */
export function GET(req: Request) {
  return handle(async () => {
    const query = parseQuery(graphQuerySchema, req.url);
    const service = graphService();
    const timer = selfMetrics().graphSeconds.startTimer({
      cache: service.isCached(query) ? 'hit' : 'miss',
    });
    const json = await service.getGraphJson(query);
    timer();
    return new Response(json, { headers: { 'content-type': 'application/json' } });
  });
}
