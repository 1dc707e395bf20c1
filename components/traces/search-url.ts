import type { TraceSearchParams } from '@/server/model/trace';

/** The result list orders, as Jaeger's search page offers them. */
export type TraceSort = 'recent' | 'longest' | 'shortest' | 'most-spans' | 'least-spans';
export const TRACE_SORTS: { value: TraceSort; label: string }[] = [
  { value: 'recent', label: 'Most recent' },
  { value: 'longest', label: 'Longest first' },
  { value: 'shortest', label: 'Shortest first' },
  { value: 'most-spans', label: 'Most spans' },
  { value: 'least-spans', label: 'Least spans' },
];

export const LOOKBACKS = [
  { value: '15m', label: 'Last 15 minutes' },
  { value: '1h', label: 'Last hour' },
  { value: '6h', label: 'Last 6 hours' },
  { value: 'custom', label: 'Custom range' },
];

/** The `/traces` page URL state: the search form plus the sort. */
export interface TraceSearchUrlState extends TraceSearchParams {
  sort: TraceSort;
}

const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
const str = (v: string | null) => v || undefined;

/** URL → state. Unknown or malformed values fall back to defaults instead of failing. */
export function parseSearchUrl(p: URLSearchParams): TraceSearchUrlState {
  const sort = p.get('sort');
  const lookback = p.get('lookback') ?? '1h';
  return {
    service: str(p.get('service')),
    operation: str(p.get('operation')),
    tags: str(p.get('tags')),
    lookback,
    start: lookback === 'custom' ? num(p.get('start')) : undefined,
    end: lookback === 'custom' ? num(p.get('end')) : undefined,
    minDuration: str(p.get('minDuration')),
    maxDuration: str(p.get('maxDuration')),
    limit: num(p.get('limit')) ?? 20,
    sort: TRACE_SORTS.some((s) => s.value === sort) ? (sort as TraceSort) : 'recent',
  };
}

/** State → URL query (defaults omitted so links stay short). */
export function searchUrl(state: TraceSearchUrlState): string {
  const p = new URLSearchParams();
  const set = (k: string, v: string | number | undefined) => {
    if (v !== undefined && v !== '') p.set(k, String(v));
  };
  set('service', state.service);
  set('operation', state.operation);
  set('tags', state.tags);
  if (state.lookback && state.lookback !== '1h') set('lookback', state.lookback);
  if (state.lookback === 'custom') {
    set('start', state.start);
    set('end', state.end);
  }
  set('minDuration', state.minDuration);
  set('maxDuration', state.maxDuration);
  if (state.limit !== 20) set('limit', state.limit);
  if (state.sort !== 'recent') set('sort', state.sort);
  return p.toString();
}

/** The API query for a URL state (the API takes the same keys minus the sort). */
export function apiParams(state: TraceSearchUrlState): TraceSearchParams {
  const { sort: _sort, ...rest } = state;
  if (rest.lookback === 'custom') return { ...rest, lookback: undefined };
  return rest;
}
