import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { bookinfo, reviewsVs } from '../__fixtures__/bookinfo-snapshot';
import type { HttpRouteDestination } from '../snapshot';
import { hostMatches, qualifyHost, requestHostFqdn } from './hosts';
import type { RouteCaller, RouteRequest } from './match';
import { pickWeighted, routeRequest } from './route';

const productpage: RouteCaller = {
  namespace: 'bookinfo',
  labels: { app: 'productpage', version: 'v1' },
  gateways: [],
};
const gateway: RouteCaller = {
  namespace: 'istio-system',
  labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
  gateways: ['bookinfo/bookinfo-gateway'],
};

function req(over: Partial<RouteRequest> = {}): RouteRequest {
  return {
    authority: 'reviews:9080',
    port: 9080,
    path: '/reviews/0',
    method: 'GET',
    headers: {},
    ...over,
  };
}

/** A deterministic PRNG (mulberry32) so statistical assertions never flake. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const versions = (d: ReturnType<typeof routeRequest>) =>
  [...new Set(d.target?.endpoints.map((e) => e.workload.labels.version))].sort();

describe('hosts', () => {
  it('qualifies short names in the config namespace', () => {
    expect(qualifyHost('reviews', 'bookinfo')).toBe('reviews.bookinfo.svc.cluster.local');
    expect(requestHostFqdn(bookinfo(), 'reviews.bookinfo', 'x')).toBe(
      'reviews.bookinfo.svc.cluster.local',
    );
    expect(requestHostFqdn(bookinfo(), 'reviews.bookinfo.svc', 'x')).toBe(
      'reviews.bookinfo.svc.cluster.local',
    );
    expect(requestHostFqdn(bookinfo(), 'reviews', 'bookinfo')).toBe(
      'reviews.bookinfo.svc.cluster.local',
    );
    expect(qualifyHost('bookinfo.com', 'x')).toBe('bookinfo.com');
    expect(hostMatches('*.example.com', 'a.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'example.org')).toBe(false);
  });
});

describe('routeRequest', () => {
  it('spreads over every endpoint of the service when no VirtualService applies', () => {
    const d = routeRequest(bookinfo(), req(), productpage);
    expect(d.kind).toBe('forward');
    expect(d.target?.cluster).toBe('outbound|9080||reviews.bookinfo.svc.cluster.local');
    expect(versions(d)).toEqual(['v1', 'v2', 'v3']);
    expect(d.operation).toBe('reviews.bookinfo.svc.cluster.local:9080/*');
    expect(d.retry.attempts).toBe(2);
  });

  it('routes everything to a subset', () => {
    const vs = reviewsVs({
      http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }],
    });
    const d = routeRequest(bookinfo([vs]), req(), productpage);
    expect(d.target?.cluster).toBe('outbound|9080|v1|reviews.bookinfo.svc.cluster.local');
    expect(versions(d)).toEqual(['v1']);
    expect(d.virtualService).toBe('reviews.bookinfo');
  });

  it('matches headers (exact, prefix, regex) in order and falls through to the default', () => {
    const vs = reviewsVs({
      http: [
        {
          match: [{ headers: { 'end-user': { exact: 'jason' } } }],
          route: [{ destination: { host: 'reviews', subset: 'v2' } }],
        },
        {
          match: [{ headers: { 'end-user': { prefix: 'lu' } } }],
          route: [{ destination: { host: 'reviews', subset: 'v3' } }],
        },
        {
          match: [{ headers: { 'x-canary': { regex: 'yes|true' } } }],
          route: [{ destination: { host: 'reviews', subset: 'v3' } }],
        },
        { route: [{ destination: { host: 'reviews', subset: 'v1' } }] },
      ],
    });
    const s = bookinfo([vs]);
    expect(
      versions(routeRequest(s, req({ headers: { 'end-user': 'jason' } }), productpage)),
    ).toEqual(['v2']);
    expect(
      versions(routeRequest(s, req({ headers: { 'end-user': 'luffy' } }), productpage)),
    ).toEqual(['v3']);
    expect(
      versions(routeRequest(s, req({ headers: { 'x-canary': 'true' } }), productpage)),
    ).toEqual(['v3']);
    // regex is anchored like RE2 full match
    expect(
      versions(routeRequest(s, req({ headers: { 'x-canary': 'yesss' } }), productpage)),
    ).toEqual(['v1']);
    expect(
      versions(routeRequest(s, req({ headers: { 'end-user': 'jasonx' } }), productpage)),
    ).toEqual(['v1']);
  });

  it('matches uri and method, and rewrites a matched prefix', () => {
    const vs = reviewsVs({
      http: [
        {
          match: [{ uri: { prefix: '/rate' }, method: { exact: 'POST' } }],
          rewrite: { uri: '/ratings' },
          route: [{ destination: { host: 'reviews', subset: 'v3' } }],
        },
        { route: [{ destination: { host: 'reviews', subset: 'v1' } }] },
      ],
    });
    const s = bookinfo([vs]);
    const post = routeRequest(s, req({ path: '/rate/1', method: 'POST' }), productpage);
    expect(versions(post)).toEqual(['v3']);
    expect(post.path).toBe('/ratings/1');
    expect(post.operation).toBe('reviews.bookinfo.svc.cluster.local:9080/rate*');
    expect(versions(routeRequest(s, req({ path: '/rate/1', method: 'GET' }), productpage))).toEqual(
      ['v1'],
    );
  });

  it('samples fault abort and delay by percentage', () => {
    const vs = reviewsVs({
      http: [
        {
          fault: {
            abort: { httpStatus: 500, percentage: { value: 50 } },
            delay: { fixedDelay: '2s', percent: 100 },
          },
          timeout: '1s',
          route: [{ destination: { host: 'reviews', subset: 'v1' } }],
        },
      ],
    });
    const s = bookinfo([vs]);
    const low = routeRequest(s, req(), productpage, () => 0.3);
    expect(low.abort).toEqual({ httpStatus: 500 });
    expect(low.delayMs).toBe(2000);
    expect(low.timeoutMs).toBe(1000);
    expect(routeRequest(s, req(), productpage, () => 0.7).abort).toBeUndefined();
  });

  it('maps gRPC abort statuses', () => {
    const vs = reviewsVs({
      http: [
        {
          fault: { abort: { grpcStatus: 'UNAVAILABLE' } },
          route: [{ destination: { host: 'reviews' } }],
        },
      ],
    });
    expect(routeRequest(bookinfo([vs]), req(), productpage).abort).toEqual({
      httpStatus: 200,
      grpcStatus: 14,
    });
  });

  it('mirrors with mirrorPercentage and with the legacy mirror_percent', () => {
    const mk = (extra: object) =>
      bookinfo([
        reviewsVs({
          http: [
            {
              route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }],
              mirror: { host: 'reviews', subset: 'v2' },
              ...extra,
            },
          ],
        }),
      ]);
    const full = routeRequest(mk({}), req(), productpage, () => 0.99);
    expect(full.mirrors.map((m) => m.cluster)).toEqual([
      'outbound|9080|v2|reviews.bookinfo.svc.cluster.local',
    ]);
    expect(
      routeRequest(mk({ mirrorPercentage: { value: 10 } }), req(), productpage, () => 0.5).mirrors,
    ).toHaveLength(0);
    expect(
      routeRequest(mk({ mirror_percent: 60 }), req(), productpage, () => 0.5).mirrors,
    ).toHaveLength(1);
    expect(
      routeRequest(mk({ mirror_percent: 40 }), req(), productpage, () => 0.5).mirrors,
    ).toHaveLength(0);
  });

  it('parses retries and keeps Istio defaults otherwise', () => {
    const vs = reviewsVs({
      http: [
        {
          retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx,gateway-error' },
          route: [{ destination: { host: 'reviews' } }],
        },
      ],
    });
    const d = routeRequest(bookinfo([vs]), req(), productpage);
    expect(d.retry).toEqual({
      attempts: 3,
      perTryTimeoutMs: 2000,
      retryOn: new Set(['5xx', 'gateway-error']),
    });
  });

  it('flags a subset that no DestinationRule defines', () => {
    const vs = reviewsVs({
      http: [{ route: [{ destination: { host: 'reviews', subset: 'v9' } }] }],
    });
    const d = routeRequest(bookinfo([vs]), req(), productpage);
    expect(d.target?.missingSubset).toBe(true);
    expect(d.target?.endpoints).toEqual([]);
  });

  it('routes a gateway only through VirtualServices bound to its Gateway', () => {
    const s = bookinfo();
    const d = routeRequest(
      s,
      req({ authority: 'bookinfo.example.com', port: 8080, path: '/productpage' }),
      gateway,
    );
    expect(d.target?.cluster).toBe('outbound|9080||productpage.bookinfo.svc.cluster.local');
    expect(d.operation).toBe('productpage.bookinfo.svc.cluster.local:9080/productpage');
    expect(routeRequest(s, req({ authority: 'x', port: 8080, path: '/nope' }), gateway).kind).toBe(
      'none',
    );
    // the gateway-bound VS does not apply to sidecars
    expect(
      routeRequest(s, req({ authority: 'productpage:9080', path: '/productpage' }), productpage)
        .virtualService,
    ).toBeUndefined();
  });

  it('honours weights: 50/50 lands within 3% over 5k seeded picks', () => {
    const vs = reviewsVs({
      http: [
        {
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 50 },
            { destination: { host: 'reviews', subset: 'v3' }, weight: 50 },
          ],
        },
      ],
    });
    const s = bookinfo([vs]);
    const rnd = seeded(42);
    let v1 = 0;
    for (let i = 0; i < 5_000; i++)
      if (routeRequest(s, req(), productpage, rnd).target?.subset === 'v1') v1++;
    expect(Math.abs(v1 / 5_000 - 0.5)).toBeLessThan(0.03);
  });
});

describe('pickWeighted', () => {
  it('picks the destination whose cumulative interval contains r·total (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 6 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (weights, r) => {
          const dests: HttpRouteDestination[] = weights.map((w, i) => ({
            destination: { host: `h${i}` },
            weight: w,
          }));
          const picked = pickWeighted(dests, () => r);
          const total = weights.reduce((a, b) => a + b, 0);
          if (total === 0) return picked !== undefined;
          const idx = picked ? dests.indexOf(picked) : -1;
          // never a zero-weight destination
          if (weights[idx] === 0) return false;
          const before = weights.slice(0, idx).reduce((a, b) => a + b, 0);
          return r * total >= before - 1e-9 && r * total < before + weights[idx] + 1e-9;
        },
      ),
    );
  });

  it('frequencies converge to the weights for any split (property, seeded)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.integer(), (w, seed) => {
        const dests = [
          { destination: { host: 'a' }, weight: w },
          { destination: { host: 'b' }, weight: 100 - w },
        ];
        const rnd = seeded(seed);
        let a = 0;
        for (let i = 0; i < 4000; i++) if (pickWeighted(dests, rnd) === dests[0]) a++;
        return Math.abs(a / 4000 - w / 100) < 0.04;
      }),
      { numRuns: 30 },
    );
  });
});

describe('virtual host specificity', () => {
  it('prefers an exact gateway host over a wildcard VirtualService', () => {
    const exact = {
      name: 'shop',
      namespace: 'bookinfo',
      spec: {
        hosts: ['shop.example.com'],
        gateways: ['bookinfo-gateway'],
        http: [{ route: [{ destination: { host: 'details' } }] }],
      },
    };
    const s = bookinfo([exact]);
    const d = routeRequest(s, req({ authority: 'shop.example.com', port: 80, path: '/' }), gateway);
    expect(d.virtualService).toBe('shop.bookinfo');
    expect(d.target?.host).toBe('details.bookinfo.svc.cluster.local');
    const other = routeRequest(
      s,
      req({ authority: 'x.example.com', port: 80, path: '/productpage' }),
      gateway,
    );
    expect(other.virtualService).toBe('bookinfo.bookinfo');
  });
});
