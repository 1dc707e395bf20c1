import type { Protocol } from '@/server/model/graph';

/**
 * The traffic animation's maths, free of DOM and cytoscape so it can be tested and benchmarked.
 *
 * - Density: one dot per `1000 * base * scale / rate` ms (base 1 for requests, 20 for TCP bytes),
 *   clamped to 40..5000 ms, so 1 rps reads as one dot a second. `scale` calibrates busy meshes:
 *   above 50 rps the busiest edge would saturate, so the scale grows (sub-linearly) with it.
 * - Speed ∝ 1 / response time: `2 / (1 + rt / 200ms)` model units per ms × BASE_SPEED, floored
 *   at 0.1. A 20 ms hop is brisk, a 2 s hop crawls; TCP has no response time and moves at 1.
 * - Errors: an accumulator turns exactly the error share of spawned dots red (no randomness, so
 *   a 21 % error edge shows about one red dot in five, every time).
 * - Lengths are in model units (not screen pixels) so pan and zoom do not change the timing.
 *
 * Particles live in preallocated typed arrays (a pool); `step` allocates nothing.
 */

export interface AnimEdge {
  /** Requests/s, or bytes/s for tcp. */
  rate: number;
  protocol: Protocol;
  /** 0..1. */
  errorRate: number;
  /** Response time in ms (0 = unknown). */
  rtMs: number;
}

export const DOT_OK = 0;
export const DOT_ERROR = 1;
export const DOT_TCP = 2;

/** Model units per ms at speed factor 1. */
export const BASE_SPEED = 0.1;
/** At most this many dots on one edge at once (keeps slow, busy edges legible and cheap). */
export const MAX_DOTS_PER_EDGE = 16;

export function calibrationScale(maxRate: number): number {
  if (maxRate <= 50) return 1;
  const ratio = (2 * maxRate) / 50;
  const exp = maxRate > 100_000 ? 0.9 : maxRate > 1000 ? 0.95 : 1;
  return ratio ** exp;
}

export function spawnIntervalMs(rate: number, protocol: Protocol, scale: number): number {
  if (rate <= 0) return Infinity;
  const base = protocol === 'tcp' ? 20 : 1;
  return Math.min(5000, Math.max(40, (1000 * base * scale) / rate));
}

export function speedFactor(rtMs: number, protocol: Protocol): number {
  if (protocol === 'tcp') return 1;
  const rt = Math.min(10_000, Math.max(0, rtMs || 0));
  return Math.max(0.1, 2 / (1 + rt / 200));
}

/** A pool of dots moving along edges. */
export class ParticleSystem {
  readonly capacity: number;
  count = 0;
  /** Edge index of each dot. */
  readonly edge: Int32Array;
  /** Progress 0..1 from source to target. */
  readonly t: Float32Array;
  readonly kind: Uint8Array;
  /** Perpendicular offset in model units (TCP dots scatter around the line). */
  readonly offset: Float32Array;

  private interval = new Float64Array(0);
  private speed = new Float64Array(0);
  private errRate = new Float64Array(0);
  private tcp = new Uint8Array(0);
  private acc = new Float64Array(0);
  private errAcc = new Float64Array(0);
  private ids: string[] = [];
  private seq = 0;
  /** Dots spawned so far, and how many of them were error dots (for tests and stats). */
  spawned = 0;
  spawnedErrors = 0;

  constructor(capacity = 20_000) {
    this.capacity = capacity;
    this.edge = new Int32Array(capacity);
    this.t = new Float32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.offset = new Float32Array(capacity);
  }

  get edgeCount(): number {
    return this.ids.length;
  }

  /**
   * Replaces the animated edges (on each graph refresh). Dots on edges that remain keep their
   * place, so a refresh does not restart the animation; dots on removed edges vanish.
   */
  setEdges(ids: string[], edges: AnimEdge[]): void {
    const oldIndex = new Map(this.ids.map((id, i) => [id, i]));
    const n = edges.length;
    const scale = calibrationScale(
      edges.reduce((m, e) => (e.protocol === 'tcp' ? m : Math.max(m, e.rate)), 0),
    );
    const acc = new Float64Array(n);
    const errAcc = new Float64Array(n).fill(0.5);
    this.interval = new Float64Array(n);
    this.speed = new Float64Array(n);
    this.errRate = new Float64Array(n);
    this.tcp = new Uint8Array(n);
    const remap = new Int32Array(this.ids.length).fill(-1);
    edges.forEach((e, i) => {
      this.interval[i] = spawnIntervalMs(e.rate, e.protocol, scale);
      this.speed[i] = speedFactor(e.rtMs, e.protocol) * BASE_SPEED;
      this.errRate[i] = Math.min(1, Math.max(0, e.errorRate));
      this.tcp[i] = e.protocol === 'tcp' ? 1 : 0;
      const old = oldIndex.get(ids[i]);
      if (old !== undefined) {
        remap[old] = i;
        acc[i] = this.acc[old];
        errAcc[i] = this.errAcc[old];
      } else {
        // Stagger new edges so dots do not all start in lockstep.
        acc[i] = Number.isFinite(this.interval[i]) ? ((i * 0.618) % 1) * this.interval[i] : 0;
      }
    });
    this.acc = acc;
    this.errAcc = errAcc;
    this.ids = ids.slice();
    let w = 0;
    for (let r = 0; r < this.count; r++) {
      const e = remap[this.edge[r]];
      if (e < 0 || !Number.isFinite(this.interval[e])) continue;
      this.edge[w] = e;
      this.t[w] = this.t[r];
      this.kind[w] = this.tcp[e] ? DOT_TCP : this.kind[r] === DOT_TCP ? DOT_OK : this.kind[r];
      this.offset[w] = this.offset[r];
      w++;
    }
    this.count = w;
  }

  /**
   * Advances time by `dtMs`: moves every dot, retires those that arrived, and spawns new ones.
   * `lengths[i]` is edge i's current length in model units.
   */
  step(dtMs: number, lengths: ArrayLike<number>): void {
    // Move and retire (swap-remove keeps the pool dense).
    let i = 0;
    while (i < this.count) {
      const e = this.edge[i];
      const len = Math.max(1, lengths[e]);
      const nt = this.t[i] + (this.speed[e] * dtMs) / len;
      if (nt >= 1) {
        const last = --this.count;
        this.edge[i] = this.edge[last];
        this.t[i] = this.t[last];
        this.kind[i] = this.kind[last];
        this.offset[i] = this.offset[last];
      } else {
        this.t[i] = nt;
        i++;
      }
    }
    // Spawn.
    const n = this.ids.length;
    for (let e = 0; e < n; e++) {
      let interval = this.interval[e];
      if (!Number.isFinite(interval)) continue;
      const len = Math.max(1, lengths[e]);
      const travel = len / this.speed[e];
      interval = Math.max(interval, travel / MAX_DOTS_PER_EDGE);
      this.acc[e] += dtMs;
      while (this.acc[e] >= interval) {
        this.acc[e] -= interval;
        if (this.count >= this.capacity) {
          this.acc[e] = 0;
          break;
        }
        const k = this.count++;
        this.spawned++;
        this.edge[k] = e;
        // A dot spawned `acc` ms ago has already moved that far.
        this.t[k] = Math.min(0.999, (this.speed[e] * this.acc[e]) / len);
        if (this.tcp[e]) {
          this.kind[k] = DOT_TCP;
          this.seq = (this.seq * 1103515245 + 12345) >>> 0;
          this.offset[k] = ((this.seq >>> 16) / 65536 - 0.5) * 8;
        } else {
          this.errAcc[e] += this.errRate[e];
          if (this.errAcc[e] >= 1) {
            this.errAcc[e] -= 1;
            this.kind[k] = DOT_ERROR;
            this.spawnedErrors++;
          } else this.kind[k] = DOT_OK;
          this.offset[k] = 0;
        }
      }
    }
  }
}
