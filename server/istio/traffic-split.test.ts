import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  defaultRouteIndex,
  describeMatch,
  type Json,
  mirrorError,
  newVirtualServiceSpec,
  resolveRoute,
  rewriteRoute,
  rewriteSpec,
  routeMirror,
  routeWeights,
  weightsError,
} from './traffic-split';

const jasonRoute: Json = {
  name: 'jason',
  match: [{ headers: { 'end-user': { exact: 'jason' } } }],
  route: [{ destination: { host: 'reviews', subset: 'v2' } }],
  timeout: '3s',
};
const defaultRoute: Json = {
  name: 'default',
  route: [
    {
      destination: { host: 'reviews', subset: 'v1', port: { number: 9080 } },
      weight: 75,
      headers: { request: { set: { a: 'b' } } },
    },
    { destination: { host: 'reviews', subset: 'v2', port: { number: 9080 } }, weight: 25 },
  ],
  retries: { attempts: 3, perTryTimeout: '2s' },
  futureField: { keep: true },
};
const spec: Json = {
  hosts: ['reviews'],
  http: [jasonRoute, defaultRoute],
  tcp: [{ x: 1 }],
  exportTo: ['.'],
};
const subsets = [
  { name: 'v1', workloads: ['reviews-v1'] },
  { name: 'v2', workloads: ['reviews-v2'] },
  { name: 'v3', workloads: ['reviews-v3'] },
  { name: 'v4', workloads: [] },
];

describe('route selection', () => {
  it('defaults to the first catch-all route', () => {
    expect(defaultRouteIndex([jasonRoute, defaultRoute])).toBe(1);
    expect(defaultRouteIndex([jasonRoute])).toBe(0);
    expect(defaultRouteIndex([])).toBe(0);
  });
  it('resolves indexes and names, and says why not', () => {
    expect(resolveRoute([jasonRoute, defaultRoute], 'jason')).toEqual({ index: 0 });
    expect(resolveRoute([jasonRoute, defaultRoute], '1')).toEqual({ index: 1 });
    expect(resolveRoute([jasonRoute, defaultRoute], 5)).toEqual({
      error: 'route 5 does not exist (the VirtualService has 2)',
    });
    expect(resolveRoute([jasonRoute], 'nope')).toEqual({ error: 'no http route named "nope"' });
  });
  it('describes matches for the picker', () => {
    expect(describeMatch(jasonRoute)).toBe('end-user = jason');
    expect(describeMatch(defaultRoute)).toBe('default');
    expect(describeMatch({ match: [{ uri: { prefix: '/api' } }, { port: 80 }] })).toBe(
      'uri prefix /api | port 80',
    );
  });
});

describe('reading weights', () => {
  it('reads weights and treats a lone unweighted destination as 100', () => {
    expect(routeWeights(defaultRoute, 'reviews', 'bookinfo')).toEqual({ v1: 75, v2: 25 });
    expect(routeWeights(jasonRoute, 'reviews', 'bookinfo')).toEqual({ v2: 100 });
  });
  it('accepts every host form of the service and ignores other hosts', () => {
    const r = {
      route: [
        { destination: { host: 'reviews.bookinfo.svc.cluster.local', subset: 'v1' }, weight: 60 },
        { destination: { host: 'ratings', subset: 'v1' }, weight: 40 },
      ],
    };
    expect(routeWeights(r, 'reviews', 'bookinfo')).toEqual({ v1: 60 });
  });
  it('reads the mirror with either percentage field', () => {
    expect(
      routeMirror({ mirror: { host: 'reviews', subset: 'v3' }, mirrorPercentage: { value: 10 } }),
    ).toEqual({ subset: 'v3', percent: 10 });
    expect(routeMirror({ mirror: { host: 'reviews', subset: 'v3' }, mirrorPercent: 5 })).toEqual({
      subset: 'v3',
      percent: 5,
    });
    expect(routeMirror({ mirror: { host: 'reviews', subset: 'v3' } })).toEqual({
      subset: 'v3',
      percent: 100,
    });
    expect(routeMirror(defaultRoute)).toBeNull();
  });
});

describe('validation', () => {
  it.each([
    [{ v1: 50.5, v2: 49.5 }, 'weight for subset "v1" must be an integer (got 50.5)'],
    [{ v1: -10, v2: 110 }, 'weight for subset "v1" must not be negative (got -10)'],
    [{ v1: '50', v2: 50 }, 'weight for subset "v1" must be an integer (got "50")'],
    [{ v1: 50, v2: 40 }, 'weights must sum to 100 (they sum to 90)'],
    [{ v1: 50, v9: 50 }, 'unknown subset "v9" (subsets: v1, v2, v3, v4)'],
    [
      { v1: 50, v4: 50 },
      'subset "v4" has labels that match no workload, so it cannot receive traffic',
    ],
    [{}, 'weights must name at least one subset'],
  ])('%j → %s', (weights, message) => {
    expect(weightsError(weights, subsets)).toBe(message);
  });
  it('accepts a valid split, including 0 for a subset without workloads', () => {
    expect(weightsError({ v1: 0, v3: 100, v4: 0 }, subsets)).toBeNull();
  });
  it('checks the mirror', () => {
    expect(mirrorError({ subset: 'v9', percent: 10 }, subsets)).toBe('unknown mirror subset "v9"');
    expect(mirrorError({ subset: 'v4', percent: 10 }, subsets)).toBe(
      'mirror subset "v4" matches no workload',
    );
    expect(mirrorError({ subset: 'v3', percent: 101 }, subsets)).toMatch(/between 0 and 100/);
    expect(mirrorError({ subset: 'v3', percent: 12.5 }, subsets)).toBeNull();
  });
});

describe('rewriting a route', () => {
  const opts = { host: 'reviews', service: 'reviews', namespace: 'bookinfo' };
  it('changes only destinations, keeping their other fields and every other route field', () => {
    const out = rewriteRoute(defaultRoute, { ...opts, weights: { v1: 0, v2: 50, v3: 50 } });
    expect(out.retries).toEqual(defaultRoute.retries);
    expect(out.futureField).toEqual({ keep: true });
    expect(out.name).toBe('default');
    expect(out.route).toEqual([
      {
        destination: { host: 'reviews', subset: 'v1', port: { number: 9080 } },
        weight: 0,
        headers: { request: { set: { a: 'b' } } },
      },
      { destination: { host: 'reviews', subset: 'v2', port: { number: 9080 } }, weight: 50 },
      { destination: { host: 'reviews', subset: 'v3', port: { number: 9080 } }, weight: 50 },
    ]);
  });
  it('sets, keeps and removes the mirror', () => {
    const withMirror = rewriteRoute(defaultRoute, {
      ...opts,
      weights: { v1: 100 },
      mirror: { subset: 'v3', percent: 10 },
    });
    expect(withMirror.mirror).toEqual({ host: 'reviews', subset: 'v3', port: { number: 9080 } });
    expect(withMirror.mirrorPercentage).toEqual({ value: 10 });
    const kept = rewriteRoute(withMirror, { ...opts, weights: { v1: 100 } });
    expect(kept.mirror).toEqual(withMirror.mirror);
    const removed = rewriteRoute(withMirror, { ...opts, weights: { v1: 100 }, mirror: null });
    expect(removed).not.toHaveProperty('mirror');
    expect(removed).not.toHaveProperty('mirrorPercentage');
  });
  it('rewrites one route of the spec and leaves the rest as they were', () => {
    const next = rewriteRoute(defaultRoute, { ...opts, weights: { v1: 100 } });
    const out = rewriteSpec(spec, 1, next);
    expect(out.tcp).toEqual(spec.tcp);
    expect(out.exportTo).toEqual(['.']);
    expect((out.http as Json[])[0]).toBe(jasonRoute);
    expect(spec.http).toEqual([jasonRoute, defaultRoute]); // input not mutated
  });
  it('builds a new VS spec with one catch-all route listing every subset', () => {
    expect(newVirtualServiceSpec('reviews', { v1: 90, v2: 10, v3: 0 })).toEqual({
      hosts: ['reviews'],
      http: [
        {
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 90 },
            { destination: { host: 'reviews', subset: 'v2' }, weight: 10 },
            { destination: { host: 'reviews', subset: 'v3' }, weight: 0 },
          ],
        },
      ],
    });
  });
  it('property: reading back a rewritten route gives the weights written (zeros aside)', () => {
    const names = ['v1', 'v2', 'v3', 'v4'];
    fc.assert(
      fc.property(fc.array(fc.nat(100), { minLength: 4, maxLength: 4 }), (ws) => {
        const weights = Object.fromEntries(names.map((n, i) => [n, ws[i]]));
        const out = rewriteRoute(defaultRoute, { ...opts, weights });
        const back = routeWeights(out, 'reviews', 'bookinfo');
        for (const n of names) expect(back[n] ?? 0).toBe(weights[n]);
        expect(out.retries).toBe(defaultRoute.retries);
      }),
      { numRuns: 200 },
    );
  });
});
