import { describe, expect, it } from 'vitest';

import {
  graphLatencyBuckets,
  histogramSelectors,
  namespaceShards,
} from '@/server/prometheus/queries';

import { END } from './__fixtures__/scenario';
import { useScenarioPrometheus } from './__fixtures__/scenario-prometheus';
import { unionOfShards } from './graph-answers';
import { quantileSamples } from './histogram';
import { latencyKeyLabels, responseTimeGroupings } from './response-time';

// Quantiles computed in Node (histogram.ts) against Prometheus' own, on the scenario's real
// Prometheus (see graph.int.test.ts).
const scenario = useScenarioPrometheus();

describe('latency quantiles on a real Prometheus', () => {
  it('quantiles computed from one pass over the buckets equal histogram_quantile per edge kind', async () => {
    const groupings = responseTimeGroupings('versionedApp', true);
    const key = latencyKeyLabels('versionedApp', true);
    const input = { namespaces: ['bookinfo'], window: 60 };
    const raw = await scenario.client.query(graphLatencyBuckets({ ...input, labels: key }), END);
    const ours = quantileSamples(raw, key, groupings, ['p50', 'p95', 'p99']);
    const sel = histogramSelectors(input.namespaces);
    let compared = 0;
    for (const [group, grouping] of groupings.entries()) {
      for (const [stat, q] of [
        ['p50', 0.5],
        ['p95', 0.95],
        ['p99', 0.99],
      ] as const) {
        // Prometheus' own answer for this grouping (test-only PromQL: what the graph avoids).
        const by = ['le', 'reporter', ...grouping].join(',');
        const expr = sel
          .map(
            (s) =>
              `histogram_quantile(${q}, sum by (${by}) (rate(istio_request_duration_milliseconds_bucket{${s}}[60s])))`,
          )
          .join(' or ');
        const theirs = (await scenario.client.query(expr, END)).filter((x) =>
          Number.isFinite(x.value),
        );
        const key = (l: Record<string, string>) =>
          ['reporter', ...grouping].map((n) => l[n] ?? '').join('|');
        const mine = new Map(
          ours.filter((x) => x.group === group && x.stat === stat).map((x) => [key(x.labels), x]),
        );
        expect(mine.size).toBe(theirs.length);
        for (const t of theirs) {
          expect(mine.get(key(t.labels))?.value).toBeCloseTo(t.value, 9);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('latency bucket shards joined give the unsharded answer', async () => {
    const namespaces = ['bookinfo', 'istio-system'];
    const input = { namespaces, window: 60, labels: latencyKeyLabels('versionedApp', true) };
    const whole = await scenario.client.query(graphLatencyBuckets(input), END);
    const parts = await Promise.all(
      namespaceShards(namespaces, 2).map((part) =>
        scenario.client.query(graphLatencyBuckets({ ...input, part }), END),
      ),
    );
    const key = (s: { labels: Record<string, string> }) =>
      JSON.stringify(s.labels, Object.keys(s.labels).sort());
    const sorted = (xs: { labels: Record<string, string>; value: number }[]) =>
      xs.map((x) => `${key(x)}=${x.value}`).sort();
    expect(whole.length).toBeGreaterThan(20);
    expect(sorted(unionOfShards(parts))).toEqual(sorted(whole));
  });
});
