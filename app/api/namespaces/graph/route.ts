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
    // Clients that take gzip (browsers, fetch) get the cached compressed copy; Next leaves an
    // already encoded response alone.
    if (/\bgzip\b/.test(req.headers.get('accept-encoding') ?? '')) {
      const body = await service.getGraphGzip(query);
      timer();
      return new Response(new Uint8Array(body), {
        headers: {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          vary: 'accept-encoding',
        },
      });
    }
    const json = await service.getGraphJson(query);
    timer();
    return new Response(json, {
      headers: { 'content-type': 'application/json', vary: 'accept-encoding' },
    });
  });
}
