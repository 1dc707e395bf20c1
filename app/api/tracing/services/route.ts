import { handle } from '@/server/http/handle';
import { listServices } from '@/server/tracing/traces';

export const dynamic = 'force-dynamic';

/** Services known to Jaeger. */
export function GET() {
  return handle(() => listServices());
}
