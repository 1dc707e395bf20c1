import { listAudit } from '@/server/audit/audit-log';
import { handle, parseQuery } from '@/server/http/handle';

import { auditQuery } from './schema';

export const dynamic = 'force-dynamic';

/** Changes made through Meshscope, newest first: `?limit=&namespace=&kind=&name=`. */
export function GET(req: Request) {
  return handle(async () => listAudit(parseQuery(auditQuery, req.url)));
}
