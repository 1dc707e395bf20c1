'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

import { type GraphViewState, parseViewState, serializeViewState } from './graph-url-state';

/**
 * The graph page's view state, read from and written to the URL (replace, not push: a toolbar
 * click should not flood the back button). Links and reloads reproduce the same view.
 */
export function useGraphView(): [GraphViewState, (patch: Partial<GraphViewState>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const view = useMemo(() => parseViewState(new URLSearchParams(params.toString())), [params]);
  const update = useCallback(
    (patch: Partial<GraphViewState>) => {
      // Read the live URL, not the render-time copy, so two quick updates compose.
      const current = parseViewState(new URLSearchParams(window.location.search));
      const next = serializeViewState({ ...current, ...patch }).toString();
      router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false });
    },
    [router, pathname],
  );
  return [view, update];
}
