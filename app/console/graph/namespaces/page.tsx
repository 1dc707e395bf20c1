import { redirect } from 'next/navigation';

import { kialiParamsToViewQuery } from '@/components/graph/graph-url-state';

/**
 * Kiali link compatibility: `/console/graph/namespaces?namespaces=…&graphType=…&duration=…&
 * refresh=…` opens the same view on our graph page.
 */
export default async function KialiGraphRedirect({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string') params.set(k, v);
    else if (Array.isArray(v) && v[0] !== undefined) params.set(k, v[0]);
  }
  const query = kialiParamsToViewQuery(params);
  redirect(query ? `/graph?${query}` : '/graph');
}
