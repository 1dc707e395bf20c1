import { badRequest } from './status';

/**
 * List chunking (`?limit=N&continue=<token>`), as kubectl (limit=500) and paging clients use it.
 * Pages follow the store's order (namespace, then name); the token names the last key served,
 * so a page starts after it even if objects were added or deleted in between. Unlike the real
 * apiserver, later pages show the store as it is now, not a snapshot at the first page's
 * resourceVersion (see README.md).
 */
export interface Page<T> {
  items: T[];
  /** Token for the next page; undefined on the last one. */
  continue?: string;
  /** Objects after this page, when there is a next one. */
  remainingItemCount?: number;
}

interface Keyed {
  metadata: { namespace?: string; name: string };
}

const keyOf = (o: Keyed) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export function encodeContinue(lastKey: string): string {
  return Buffer.from(JSON.stringify({ v: 1, after: lastKey })).toString('base64url');
}

function decodeContinue(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      v?: number;
      after?: unknown;
    };
    if (parsed.v === 1 && typeof parsed.after === 'string') return parsed.after;
  } catch {
    /* fall through */
  }
  throw badRequest('continue key is not valid: malformed continue token');
}

export function paginate<T extends Keyed>(
  all: readonly T[],
  limit: string | null,
  token: string | null,
): Page<T> {
  const sorted = [...all].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const after = token ? decodeContinue(token) : undefined;
  const start = after === undefined ? sorted : sorted.filter((o) => keyOf(o) > after);
  const n = limit === null || limit === '' ? 0 : Number(limit);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`limit must be a non-negative integer`);
  // limit=0 (or none) means everything, as in Kubernetes.
  if (n === 0 || start.length <= n) return { items: start };
  const items = start.slice(0, n);
  return {
    items,
    continue: encodeContinue(keyOf(items[items.length - 1])),
    remainingItemCount: start.length - n,
  };
}
