import 'server-only';

/**
 * A small TTL cache with single-flight: identical concurrent requests share one load (one round
 * of Prometheus queries), and a finished result is served until it expires. Failures are not
 * cached, so the next request retries at once.
 */
export class TtlCache<T> {
  private readonly values = new Map<string, { value: T; expires: number; freshUntil: number }>();
  private readonly inflight = new Map<string, Promise<T>>();

  constructor(
    private readonly maxEntries = 200,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const hit = this.values.get(key);
    if (hit && hit.expires > this.now()) return hit.value;
    return this.load(key, ttlMs, ttlMs, load);
  }

  /**
   * Stale-while-revalidate: a value younger than `freshMs` is served as is; one younger than
   * `staleMs` is served as well while a single background load replaces it; without either,
   * callers wait for the load. A failed background load keeps the old value, and the next
   * caller tries again.
   */
  async getOrRevalidate(
    key: string,
    freshMs: number,
    staleMs: number,
    load: () => Promise<T>,
  ): Promise<T> {
    const hit = this.values.get(key);
    const now = this.now();
    if (hit && hit.freshUntil > now) return hit.value;
    if (hit && hit.expires > now) {
      this.load(key, freshMs, staleMs, load).catch(() => undefined);
      return hit.value;
    }
    return this.load(key, freshMs, staleMs, load);
  }

  /** A new value now, whatever the cache holds (joins a load already under way). */
  reload(key: string, freshMs: number, staleMs: number, load: () => Promise<T>): Promise<T> {
    return this.load(key, freshMs, staleMs, load);
  }

  private load(key: string, freshMs: number, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const running = this.inflight.get(key);
    if (running) return running;
    const p = load().then(
      (value) => {
        this.inflight.delete(key);
        this.values.delete(key);
        const now = this.now();
        this.values.set(key, { value, expires: now + ttlMs, freshUntil: now + freshMs });
        // Oldest insertions go first once full (Map keeps insertion order).
        while (this.values.size > this.maxEntries) {
          const oldest = this.values.keys().next().value as string;
          this.values.delete(oldest);
        }
        return value;
      },
      (err: unknown) => {
        this.inflight.delete(key);
        throw err;
      },
    );
    this.inflight.set(key, p);
    return p;
  }

  /** Whether `key` would be answered from the cache right now. */
  has(key: string): boolean {
    const hit = this.values.get(key);
    return !!hit && hit.expires > this.now();
  }

  clear(): void {
    this.values.clear();
  }
}
