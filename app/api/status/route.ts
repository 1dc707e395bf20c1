import { handle } from '@/server/http/handle';
import { probeUpstreams } from '@/server/status/upstreams';

export const dynamic = 'force-dynamic';

export function GET() {
  return handle(() => probeUpstreams());
}
