import 'server-only';

import type { InstantSample } from '@/server/prometheus/client';
import { KEY_SEPARATOR, type QuantileName, QUANTILES } from '@/server/prometheus/queries';

import type { ResponseTimeSample } from './telemetry';

/**
 * Latency quantiles computed here instead of by Prometheus' histogram_quantile.
 *
 * Why: a graph with service nodes has two kinds of edge (caller → service, service → callee),
 * and quantiles cannot be added up after the fact, so Prometheus would have to aggregate every
 * bucket series once per edge kind and per quantile — the most expensive thing the graph asks of
 * it (~20 bucket series per request series). Bucket *rates* can be added up, though. So the graph
 * asks once for bucket rates at the finest grouping it needs, and this module sums them into
 * each coarser grouping and interpolates exactly as Prometheus does (promql/quantile.go,
 * bucketQuantile), which graph.int.test.ts checks against histogram_quantile on the same data.
 */

export interface Bucket {
  /** Upper bound (`le`), `Infinity` for `+Inf`. */
  le: number;
  /** Cumulative count (or rate) of observations ≤ le. */
  count: number;
}

/**
 * Prometheus' bucketQuantile: NaN when there is no +Inf bucket, fewer than two buckets or no
 * observations; the upper bound of the second-to-last bucket when the rank falls into +Inf;
 * otherwise linear interpolation inside the bucket the rank falls into (lower bound 0 for the
 * first bucket unless its upper bound is ≤ 0). Non-monotonic counts (rates of buckets scraped
 * at slightly different moments) are forced monotonic first, as Prometheus does.
 */
export function bucketQuantile(q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...input].sort((a, b) => a.le - b.le);
  // Buckets with the same bound (e.g. "1" and "1.0") count once, summed.
  const buckets: Bucket[] = [];
  for (const b of sorted) {
    const last = buckets[buckets.length - 1];
    if (last && last.le === b.le) last.count += b.count;
    else buckets.push({ ...b });
  }
  if (buckets.length < 2 || buckets[buckets.length - 1].le !== Infinity) return NaN;
  for (let i = 1; i < buckets.length; i++) {
    if (buckets[i].count < buckets[i - 1].count) buckets[i].count = buckets[i - 1].count;
  }
  const observations = buckets[buckets.length - 1].count;
  if (!(observations > 0)) return NaN;
  let rank = q * observations;
  let b = buckets.findIndex((x) => x.count >= rank);
  if (b === -1) b = buckets.length - 1;
  if (b === buckets.length - 1) return buckets[buckets.length - 2].le;
  if (b === 0 && buckets[0].le <= 0) return buckets[0].le;
  let start = 0;
  let count = buckets[b].count;
  if (b > 0) {
    start = buckets[b - 1].le;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return start + (buckets[b].le - start) * (rank / count);
}

function parseLe(le: string | undefined): number {
  // Prometheus skips series without a parsable `le`; Number('') would be 0, so check first.
  if (le === undefined || le.trim() === '') return NaN;
  return le === '+Inf' ? Infinity : Number(le);
}

/**
 * Groups keyed samples (labels `reporter`, `ms_key` = the values of `keyLabels` joined by
 * KEY_SEPARATOR, see queries.ts) into each grouping: the finest groups are folded first (one per
 * edge), then their keys are split once and folded into every coarser grouping.
 */
function foldGroupings<T>(
  raw: readonly InstantSample[],
  keyLabels: readonly string[],
  groupings: readonly (readonly string[])[],
  init: () => T,
  add: (acc: T, s: InstantSample) => void,
  merge: (into: T, from: T) => void,
): { group: number; labels: Record<string, string>; acc: T }[][] {
  const finest = new Map<string, { reporter: string; key: string; acc: T }>();
  for (const s of raw) {
    const reporter = s.labels.reporter ?? '';
    const key = s.labels.ms_key ?? '';
    const id = `${reporter}\u0000${key}`;
    let f = finest.get(id);
    if (!f) {
      f = { reporter, key, acc: init() };
      finest.set(id, f);
    }
    add(f.acc, s);
  }
  const split = [...finest.values()]
    .map((f) => ({ ...f, values: f.key.split(KEY_SEPARATOR) }))
    // A value containing the separator would shift every label after it: skip, never misplace.
    .filter((f) => f.values.length === keyLabels.length);
  return groupings.map((grouping, group) => {
    const at = grouping.map((l) => {
      const i = keyLabels.indexOf(l);
      if (i < 0) throw new Error(`grouping label ${l} is not in the answer's key`);
      return i;
    });
    const groups = new Map<string, { group: number; labels: Record<string, string>; acc: T }>();
    for (const f of split) {
      const id = `${f.reporter}\u0000${at.map((i) => f.values[i]).join('\u0000')}`;
      let g = groups.get(id);
      if (!g) {
        // Prometheus omits empty labels; so do these, for the readers in telemetry.ts.
        const labels: Record<string, string> = { reporter: f.reporter };
        grouping.forEach((l, j) => {
          if (f.values[at[j]] !== '') labels[l] = f.values[at[j]];
        });
        g = { group, labels, acc: init() };
        groups.set(id, g);
      }
      merge(g.acc, f.acc);
    }
    return [...groups.values()];
  });
}

const reporterOf = (labels: Record<string, string>) =>
  labels.reporter === 'destination' ? 'destination' : 'source';

/**
 * `_sum` and `_count` rates (tagged `ms_stat`, see graphLatencySums) → the average response time
 * per grouping: Σ sum / Σ count, exactly what `sum by (grouping)` of each would divide to.
 */
export function averageSamples(
  raw: readonly InstantSample[],
  keyLabels: readonly string[],
  groupings: readonly (readonly string[])[],
): ResponseTimeSample[] {
  const out: ResponseTimeSample[] = [];
  const folded = foldGroupings(
    raw,
    keyLabels,
    groupings,
    () => ({ sum: 0, count: 0 }),
    (acc, s) => {
      if (!Number.isFinite(s.value)) return;
      if (s.labels.ms_stat === 'sum') acc.sum += s.value;
      else if (s.labels.ms_stat === 'count') acc.count += s.value;
    },
    (into, from) => {
      into.sum += from.sum;
      into.count += from.count;
    },
  );
  for (const { group, labels, acc } of folded.flat()) {
    if (!(acc.count > 0)) continue;
    out.push({
      reporter: reporterOf(labels),
      group,
      stat: 'avg',
      labels,
      value: acc.sum / acc.count,
    });
  }
  return out;
}

/**
 * Keyed bucket-rate samples (labels `le`, `reporter`, `ms_key`; see graphLatencyBuckets) → one
 * ResponseTimeSample per grouping, reporter, group and asked quantile. Groups whose quantile is
 * NaN (no observations) yield nothing, like histogram_quantile's NaN does.
 */
export function quantileSamples(
  raw: readonly InstantSample[],
  keyLabels: readonly string[],
  groupings: readonly (readonly string[])[],
  quantiles: readonly QuantileName[],
): ResponseTimeSample[] {
  if (quantiles.length === 0 || raw.length === 0) return [];
  const out: ResponseTimeSample[] = [];
  const folded = foldGroupings(
    raw,
    keyLabels,
    groupings,
    () => new Map<number, number>(),
    (byLe, s) => {
      const le = parseLe(s.labels.le);
      if (Number.isNaN(le) || !Number.isFinite(s.value)) return;
      byLe.set(le, (byLe.get(le) ?? 0) + s.value);
    },
    (into, from) => {
      for (const [le, v] of from) into.set(le, (into.get(le) ?? 0) + v);
    },
  );
  for (const { group, labels, acc } of folded.flat()) {
    const buckets = [...acc].map(([le, count]) => ({ le, count }));
    for (const name of quantiles) {
      const value = bucketQuantile(QUANTILES[name], buckets);
      if (!Number.isFinite(value)) continue;
      out.push({ reporter: reporterOf(labels), group, stat: name, labels, value });
    }
  }
  return out;
}
