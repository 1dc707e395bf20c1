import { describe, expect, it } from 'vitest';

import { averageSamples, bucketQuantile, quantileSamples } from './histogram';

const inf = Infinity;

describe('bucketQuantile (Prometheus semantics)', () => {
  const buckets = [
    { le: 10, count: 0 },
    { le: 25, count: 30 },
    { le: 50, count: 60 },
    { le: 100, count: 85 },
    { le: inf, count: 100 },
  ];

  it('interpolates linearly inside the bucket the rank falls into', () => {
    // rank 50 → bucket (25, 50], 20 of its 30 observations: 25 + 25 × 20/30.
    expect(bucketQuantile(0.5, buckets)).toBeCloseTo(25 + (25 * 20) / 30, 10);
    // rank 15 → (10, 25]: the empty bucket below is the lower bound, not 0.
    expect(bucketQuantile(0.15, buckets)).toBeCloseTo(17.5, 10);
  });

  it('uses 0 as the lower bound of the first bucket', () => {
    expect(
      bucketQuantile(0.5, [
        { le: 10, count: 10 },
        { le: inf, count: 10 },
      ]),
    ).toBe(5);
  });

  it('answers the highest finite bound when the rank falls into +Inf', () => {
    expect(bucketQuantile(0.99, buckets)).toBe(100);
  });

  it('is NaN without +Inf, with one bucket or with no observations', () => {
    expect(
      bucketQuantile(0.5, [
        { le: 10, count: 1 },
        { le: 20, count: 2 },
      ]),
    ).toBeNaN();
    expect(bucketQuantile(0.5, [{ le: inf, count: 2 }])).toBeNaN();
    expect(
      bucketQuantile(0.5, [
        { le: 10, count: 0 },
        { le: inf, count: 0 },
      ]),
    ).toBeNaN();
  });

  it('sorts, merges equal bounds and forces counts monotonic', () => {
    const messy = [
      { le: inf, count: 10 },
      { le: 20, count: 9 },
      { le: 10, count: 4 },
      { le: 10, count: 1 },
      { le: 15, count: 3 }, // below the 5 at le=10: treated as 5
    ];
    // rank 5 → count reaches 5 at le=10 → 0 + 10 × 5/5.
    expect(bucketQuantile(0.5, messy)).toBe(10);
    expect(bucketQuantile(0.7, messy)).toBeCloseTo(15 + (5 * 2) / 4, 10);
  });

  it('handles out-of-range quantiles like Prometheus', () => {
    expect(bucketQuantile(-1, buckets)).toBe(-Infinity);
    expect(bucketQuantile(2, buckets)).toBe(Infinity);
    expect(bucketQuantile(NaN, buckets)).toBeNaN();
  });
});

describe('quantileSamples', () => {
  const KEY = ['source_workload', 'destination_workload'];
  const row = (reporter: string, src: string, dst: string, le: string, value: number) => ({
    labels: { reporter, ms_key: `${src};${dst}`, le },
    value,
  });
  // Two callers of one workload: a → c is fast, b → c is slow.
  const raw = [
    ...(
      [
        ['10', 10],
        ['100', 10],
        ['+Inf', 10],
      ] as const
    ).map(([le, v]) => row('destination', 'a', 'c', le, v)),
    ...(
      [
        ['10', 0],
        ['100', 10],
        ['+Inf', 10],
      ] as const
    ).map(([le, v]) => row('destination', 'b', 'c', le, v)),
    row('destination', 'b', 'c', '', 99), // no parsable le: skipped, like Prometheus
    row('destination', 'b;x', 'c', '10', 99), // a value with the separator: skipped
  ];

  it('computes each grouping from bucket rates summed into it', () => {
    const out = quantileSamples(raw, KEY, [['source_workload'], ['destination_workload']], ['p50']);
    const byKey = Object.fromEntries(
      out.map((s) => [
        `${s.group}:${s.labels.source_workload ?? s.labels.destination_workload}`,
        s,
      ]),
    );
    expect(byKey['0:a'].value).toBe(5);
    expect(byKey['0:b'].value).toBe(55);
    // c's 20 requests: 10 ≤ 10 ms, 10 in (10, 100]; rank 10 → the top of the first bucket.
    expect(byKey['1:c'].value).toBe(10);
    expect(byKey['1:c']).toMatchObject({ reporter: 'destination', stat: 'p50', group: 1 });
    expect(byKey['1:c'].labels).toEqual({ reporter: 'destination', destination_workload: 'c' });
  });

  it('keeps reporters apart and returns nothing when no quantile is asked', () => {
    const both = [
      ...raw,
      ...raw.map((s) => ({ ...s, labels: { ...s.labels, reporter: 'source' } })),
    ];
    const out = quantileSamples(both, KEY, [['destination_workload']], ['p95', 'p99']);
    expect(out.map((s) => `${s.reporter}/${s.stat}`).sort()).toEqual([
      'destination/p95',
      'destination/p99',
      'source/p95',
      'source/p99',
    ]);
    expect(quantileSamples(raw, KEY, [['source_workload']], [])).toEqual([]);
  });
});

describe('averageSamples', () => {
  const row = (stat: string, src: string, dst: string, value: number) => ({
    labels: { reporter: 'destination', ms_key: `${src};${dst}`, ms_stat: stat },
    value,
  });
  it('divides summed _sum by summed _count per grouping, skipping groups without requests', () => {
    const raw = [
      row('sum', 'a', 'c', 100),
      row('count', 'a', 'c', 10), // a → c: 10 ms average
      row('sum', 'b', 'c', 300),
      row('count', 'b', 'c', 10), // b → c: 30 ms average
      row('sum', 'idle', 'c', 0),
      row('count', 'idle', 'c', 0),
    ];
    const out = averageSamples(
      raw,
      ['source_workload', 'destination_workload'],
      [['source_workload'], ['destination_workload']],
    );
    const by = Object.fromEntries(
      out.map((s) => [
        `${s.group}:${s.labels.source_workload ?? s.labels.destination_workload}`,
        s.value,
      ]),
    );
    expect(by).toEqual({ '0:a': 10, '0:b': 30, '1:c': 20 });
    // Empty values are left out of the labels, as Prometheus leaves out empty labels.
    const blank = averageSamples(
      [row('sum', '', 'c', 5), row('count', '', 'c', 1)],
      ['source_workload', 'destination_workload'],
      [['source_workload']],
    );
    expect(blank[0].labels).toEqual({ reporter: 'destination' });
    expect(out.every((s) => s.stat === 'avg' && s.reporter === 'destination')).toBe(true);
  });
});
