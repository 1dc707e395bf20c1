import { listNamespaces } from '@/server/graph/list-namespaces';
import { handle } from '@/server/http/handle';

export const dynamic = 'force-dynamic';

/** Namespaces with labels, sidecar injection and a workload health summary (NamespaceInfo[]). */
export function GET() {
  return handle(() => listNamespaces());
}
