import { graphService } from '@/server/graph/get-mesh-graph';
import { handle, parseQuery } from '@/server/http/handle';
import { recordGraphPhases, selfMetrics, serverTiming } from '@/server/self/metrics';

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
    const cache = service.isCached(query) ? 'hit' : 'miss';
    const timer = selfMetrics().graphSeconds.startTimer({ cache });
    const { json, phases } = await service.getGraphJson(query);
    timer();
    if (cache === 'miss') recordGraphPhases(phases);
    return new Response(json, {
      headers: { 'content-type': 'application/json', 'server-timing': serverTiming(cache, phases) },
    });
  });
}
