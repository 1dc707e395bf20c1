import 'server-only';

/**
 * A small TTL cache with single-flight: identical concurrent requests share one load (one round
 * of Prometheus queries), and a finished result is served until it expires. Failures are not
 * cached, so the next request retries at once.
 */
export class TtlCache<T> {
  private readonly values = new Map<string, { value: T; expires: number }>();
  private readonly inflight = new Map<string, Promise<T>>();

  constructor(
    private readonly maxEntries = 200,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const hit = this.values.get(key);
    if (hit && hit.expires > this.now()) return hit.value;
    const running = this.inflight.get(key);
    if (running) return running;
    const p = load().then(
      (value) => {
        this.inflight.delete(key);
        this.values.delete(key);
        this.values.set(key, { value, expires: this.now() + ttlMs });
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
