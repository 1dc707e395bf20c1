import type { ApiErrorBody } from '@/server/model/errors';

/** An API error as the UI sees it: the server's code and message, plus the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody['error'],
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
}

/**
 * The one way the client calls the API: JSON in and out, the server's error envelope unwrapped
 * into an ApiError, and the AbortSignal passed so react-query can cancel stale requests.
 */
export async function fetchJson<T>(
  url: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      signal: init.signal,
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, {
      code: 'upstream_unavailable',
      message: 'The Meshscope server cannot be reached.',
    });
  }
  const text = await res.text();
  const parsed: unknown = text ? safeParse(text) : undefined;
  if (!res.ok) {
    const body = (parsed as ApiErrorBody | undefined)?.error;
    throw new ApiError(
      res.status,
      body ?? { code: 'internal', message: `HTTP ${res.status} ${res.statusText}` },
    );
  }
  return parsed as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
