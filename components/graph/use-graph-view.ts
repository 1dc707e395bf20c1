'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef } from 'react';

import { type GraphViewState, parseViewState, serializeViewState } from './graph-url-state';

/**
 * The graph page's view state, read from and written to the URL (replace, not push: a toolbar
 * click should not flood the back button). Links and reloads reproduce the same view.
 */
/**
 * A change to the view: a patch, or a function of the state last written, for changes that
 * depend on it (a box switch flips one kind in a list: computed from a render-time copy, two
 * quick clicks would make the second undo the first).
 */
export type ViewUpdate =
  Partial<GraphViewState> | ((current: GraphViewState) => Partial<GraphViewState>);

export function useGraphView(): [GraphViewState, (change: ViewUpdate) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const view = useMemo(() => parseViewState(new URLSearchParams(params.toString())), [params]);
  // The last query string written. router.replace commits asynchronously, so two quick updates
  // (a switch, then Enter in Find) must compose on what was written, not on window.location,
  // or the second silently undoes the first.
  const written = useRef<string | null>(null);
  useEffect(() => {
    written.current = params.toString();
  }, [params]);
  const update = useCallback(
    (change: ViewUpdate) => {
      const base = written.current ?? window.location.search;
      const current = parseViewState(new URLSearchParams(base));
      const patch = typeof change === 'function' ? change(current) : change;
      const next = serializeViewState({ ...current, ...patch }).toString();
      written.current = next;
      router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false });
    },
    [router, pathname],
  );
  return [view, update];
}
