import { useQuery } from '@tanstack/react-query';

import type { AuditList } from '@/server/model/audit';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

export interface AuditQuery {
  limit?: number;
  namespace?: string;
  kind?: string;
  name?: string;
}

/** Changes made through Meshscope, newest first (`GET /api/audit`). */
export function useAudit(q: AuditQuery = {}, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...queryKeys.audit(), q],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(q))
        if (v !== undefined && v !== '') params.set(k, String(v));
      const qs = params.toString();
      return fetchJson<AuditList>(`/api/audit${qs ? `?${qs}` : ''}`, { signal });
    },
    enabled: opts.enabled ?? true,
  });
}
