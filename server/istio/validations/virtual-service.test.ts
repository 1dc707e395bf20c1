import { describe, expect, it } from 'vitest';

import { bookinfoSnapshot, yamlObject } from './__fixtures__/bookinfo-snapshot';
import { validateCandidate, validateSnapshot } from './index';

function check(yaml: string) {
  return validateCandidate(bookinfoSnapshot(), yamlObject(yaml));
}

const codes = (yaml: string) => check(yaml).checks.map((c) => `${c.code} @ ${c.path}`);

describe('VirtualService validations', () => {
  it('finds nothing wrong with the tutorial config', () => {
    const all = validateSnapshot(bookinfoSnapshot(), ['bookinfo']);
    expect(all.size).toBe(7);
    for (const [key, v] of all) expect({ key, checks: v.checks }).toEqual({ key, checks: [] });
  });

  it('reports a destination host that matches no service or ServiceEntry', () => {
    const v = check(`
kind: VirtualService
metadata: { name: r, namespace: bookinfo }
spec:
  hosts: [reviewz]
  http:
    - route:
        - destination: { host: reviewz }
        - destination: { host: api.example.com }
        - destination: { host: details.bookinfo }
        - destination: { host: details.other }
`);
    expect(v.status).toBe('error');
    expect(v.checks.map((c) => `${c.code} @ ${c.path}`)).toEqual([
      'vs.host-not-found @ spec.http[0].route[0].destination.host',
      'vs.host-not-found @ spec.http[0].route[3].destination.host',
      'vs.weights-not-100 @ spec.http[0].route',
    ]);
    expect(v.checks[0].message).toContain('reviewz.bookinfo.svc.cluster.local');
  });

  it('reports an unknown subset, naming the subsets that exist', () => {
    const v = check(`
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
    - route:
        - { destination: { host: reviews, subset: v1 }, weight: 50 }
        - { destination: { host: reviews, subset: v9 }, weight: 50 }
`);
    expect(v.checks).toHaveLength(1);
    expect(v.checks[0]).toMatchObject({
      code: 'vs.subset-not-found',
      severity: 'error',
      path: 'spec.http[0].route[1].destination.subset',
    });
    expect(v.checks[0].message).toContain('v1, v2, v3');
  });

  it('reports a subset on a host without any DestinationRule', () => {
    expect(
      codes(`
kind: VirtualService
metadata: { name: details, namespace: bookinfo }
spec:
  hosts: [details]
  http: [{ route: [{ destination: { host: details, subset: v1 } }] }]
`),
    ).toEqual(['vs.subset-not-found @ spec.http[0].route[0].destination.subset']);
  });

  it('reports a subset route to a DestinationRule that has no subsets', () => {
    const snap = bookinfoSnapshot();
    snap.objects.push(
      yamlObject(`
kind: DestinationRule
metadata: { name: details, namespace: bookinfo }
spec: { host: details, trafficPolicy: { loadBalancer: { simple: RANDOM } } }
`),
    );
    const v = validateCandidate(
      snap,
      yamlObject(`
kind: VirtualService
metadata: { name: details, namespace: bookinfo }
spec:
  hosts: [details]
  http: [{ route: [{ destination: { host: details, subset: v1 } }] }]
`),
    );
    expect(v.checks.map((c) => c.code)).toEqual(['vs.subset-without-dr-subsets']);
    expect(v.checks[0].message).toContain('bookinfo/details');
  });

  it('reports a gateway that does not exist, but accepts mesh and existing ones', () => {
    expect(
      codes(`
kind: VirtualService
metadata: { name: gw, namespace: bookinfo }
spec:
  hosts: [bookinfo.com]
  gateways: [mesh, bookinfo-gateway, bookinfo/bookinfo-gateway, istio-system/missing]
  http:
    - match: [{ gateways: [nope], uri: { prefix: /a } }]
      route: [{ destination: { host: productpage } }]
`),
    ).toEqual([
      'vs.gateway-not-found @ spec.gateways[3]',
      'vs.gateway-not-found @ spec.http[0].match[0].gateways[0]',
    ]);
  });

  it('reports weights that do not sum to 100, counting missing weights as 0', () => {
    expect(
      codes(`
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
    - route:
        - { destination: { host: reviews, subset: v1 }, weight: 90 }
        - { destination: { host: reviews, subset: v2 } }
    - route:
        - { destination: { host: reviews, subset: v1 }, weight: -10 }
        - { destination: { host: reviews, subset: v2 }, weight: 110 }
  tcp:
    - route:
        - { destination: { host: reviews, subset: v1 }, weight: 30 }
        - { destination: { host: reviews, subset: v3 }, weight: 30 }
`),
    ).toEqual([
      'vs.weights-not-100 @ spec.http[0].route',
      'vs.weight-negative @ spec.http[1].route[0].weight',
      'vs.weights-not-100 @ spec.tcp[0].route',
      'vs.route-unreachable @ spec.http[1]',
    ]);
  });

  it('notes a lone destination weight as info, which keeps the object valid', () => {
    const v = check(`
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http: [{ route: [{ destination: { host: reviews, subset: v1 }, weight: 80 }] }]
`);
    expect(v.status).toBe('valid');
    expect(v.checks.map((c) => c.code)).toEqual(['vs.single-destination-weight']);
  });

  it('reports routes after a catch-all as unreachable', () => {
    expect(
      codes(`
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
    - match: [{ headers: { end-user: { exact: jason } } }]
      route: [{ destination: { host: reviews, subset: v2 } }]
    - name: everyone
      match: [{ uri: { prefix: / } }]
      route: [{ destination: { host: reviews, subset: v3 } }]
    - name: never
      route: [{ destination: { host: reviews, subset: v1 } }]
`),
    ).toEqual(['vs.route-unreachable @ spec.http[2]']);
  });

  it('does not treat a header match as a catch-all', () => {
    expect(
      codes(`
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
    - match: [{ headers: { end-user: { exact: jason } } }]
      route: [{ destination: { host: reviews, subset: v2 } }]
    - route: [{ destination: { host: reviews, subset: v3 } }]
`),
    ).toEqual([]);
  });

  it('reports a second VirtualService for the same host on the same gateway', () => {
    const v = check(`
kind: VirtualService
metadata: { name: reviews-canary, namespace: bookinfo }
spec:
  hosts: [reviews.bookinfo.svc.cluster.local, details]
  http: [{ route: [{ destination: { host: reviews, subset: v2 } }] }]
`);
    expect(v.checks.map((c) => `${c.code} @ ${c.path}`)).toEqual([
      'vs.duplicate-host @ spec.hosts[0]',
    ]);
    expect(v.checks[0].message).toContain('bookinfo/reviews');
    expect(v.status).toBe('warning');
  });

  it('does not report the same host bound to a different gateway', () => {
    expect(
      codes(`
kind: VirtualService
metadata: { name: reviews-edge, namespace: bookinfo }
spec:
  hosts: [reviews]
  gateways: [bookinfo-gateway]
  http: [{ route: [{ destination: { host: reviews, subset: v2 } }] }]
`),
    ).toEqual([]);
  });

  it('checks mirror destinations and never throws on odd shapes', () => {
    expect(
      codes(`
kind: VirtualService
metadata: { name: odd, namespace: bookinfo }
spec:
  hosts: 7
  http:
    - route: nope
      mirror: { host: reviews, subset: v7 }
    - null
`),
    ).toEqual(['vs.subset-not-found @ spec.http[0].mirror.subset']);
  });
});
