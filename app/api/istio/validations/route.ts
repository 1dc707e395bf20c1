import { handle, parseQuery } from '@/server/http/handle';
import { listValidations } from '@/server/istio-config';

import { validationsQuery } from './schema';

export const dynamic = 'force-dynamic';

/** Every Istio object with findings in the given namespaces (graph badges). */
export async function GET(req: Request) {
  return handle(async () => {
    const { namespaces } = parseQuery(validationsQuery, req.url);
    return listValidations(namespaces);
  });
}
