import { graphService } from '@/server/graph/get-mesh-graph';
import { handle, parseQuery } from '@/server/http/handle';

import { graphQuerySchema } from './schema';

export const dynamic = 'force-dynamic';

/**
 * The topology graph: `?namespaces=a,b&graphType=&duration=&queryTime=&injectServiceNodes=
 * &idleNodes=&idleEdges=` → MeshGraph (server/model/graph.ts).
 */
export function GET(req: Request) {
  return handle(async () => {
    const json = await graphService().getGraphJson(parseQuery(graphQuerySchema, req.url));
    return new Response(json, { headers: { 'content-type': 'application/json' } });
  });
}
