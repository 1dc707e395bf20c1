import type { MeshSnapshot } from './snapshot';

/** One kind of request the generator sends into an ingress gateway. */
export interface LoadTarget {
  authority: string;
  path: string;
  /** `<ns>/<name>` of the Gateways the route is bound to (which gateway pods can serve it). */
  gateways: string[];
}

/** Users some requests log in as, so `end-user` header routing shows (jason is Istio's sample). */
export const USERS = ['jason', 'luffy', 'alice'];

/**
 * What to request: one target per gateway-bound VirtualService route, with a path taken from its
 * first uri match and a host from its hosts (wildcards get a made-up name). Empty when no
 * Gateway/VirtualService exists.
 */
export function loadTargets(snapshot: MeshSnapshot): LoadTarget[] {
  const out: LoadTarget[] = [];
  for (const vs of snapshot.virtualServices) {
    const gws = (vs.spec.gateways ?? [])
      .filter((g) => g !== 'mesh')
      .map((g) => (g.includes('/') ? g : `${vs.namespace}/${g}`));
    if (gws.length === 0) continue;
    const host = (vs.spec.hosts ?? []).find((h) => h !== '*') ?? 'meshscope.demo';
    const authority = host.startsWith('*.') ? `www${host.slice(1)}` : host;
    for (const r of vs.spec.http ?? []) {
      const uri = r.match?.find((m) => m.uri)?.uri;
      const path = uri?.exact ?? uri?.prefix ?? '/';
      // Bookinfo's page is what users load; its other routes are assets and logins.
      out.push({ authority, path, gateways: gws });
      if (path === '/productpage') break;
    }
  }
  return out;
}

export interface LoadOptions {
  rps: number;
  /** Sends one request; the generator does not wait for it before scheduling the next. */
  send(target: LoadTarget, headers: Record<string, string>): Promise<void>;
  targets(): LoadTarget[];
  random?: () => number;
}

/**
 * An open-loop generator: requests are scheduled on a fixed clock (not after responses), so the
 * offered rate stays what was asked even when the mesh is slow. Every 3rd request is from a
 * logged-in user.
 */
export class LoadGenerator {
  private rps: number;
  private timer: NodeJS.Timeout | undefined;
  private sent = 0;
  private next = 0;
  private readonly random: () => number;

  constructor(private readonly opts: LoadOptions) {
    this.rps = validRate(opts.rps);
    this.random = opts.random ?? Math.random;
  }

  get rate(): number {
    return this.rps;
  }

  get requestsSent(): number {
    return this.sent;
  }

  setRate(rps: number): void {
    this.rps = validRate(rps);
    this.next = performance.now();
  }

  start(): void {
    if (this.timer) return;
    this.next = performance.now();
    this.timer = setInterval(() => this.tick(), 20);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    if (this.rps <= 0) {
      this.next = performance.now();
      return;
    }
    const now = performance.now();
    const interval = 1000 / this.rps;
    // After a stall (GC, busy CPU) catch up to keep the offered rate, but never replay more
    // than 5 s of backlog in one burst.
    if (now - this.next > 5000) this.next = now - 5000;
    while (this.next <= now) {
      this.next += interval;
      this.fire();
    }
  }

  private fire(): void {
    const targets = this.opts.targets();
    if (targets.length === 0) return;
    const target = targets[this.sent % targets.length];
    const headers: Record<string, string> = { 'user-agent': 'meshscope-load/1.0' };
    if (this.sent % 3 === 0) headers['end-user'] = USERS[Math.floor(this.random() * USERS.length)];
    this.sent++;
    this.opts.send(target, headers).catch(() => undefined);
  }
}

function validRate(rps: number): number {
  if (!Number.isFinite(rps) || rps < 0 || rps > 10_000) {
    throw new RangeError(`rps must be a number between 0 and 10000, got ${rps}`);
  }
  return rps;
}
