import { describe, expect, it } from 'vitest';

import { bookinfoSnapshot, yamlObject } from './__fixtures__/bookinfo-snapshot';
import { validateCandidate } from './index';

const codes = (yaml: string) =>
  validateCandidate(bookinfoSnapshot(), yamlObject(yaml)).checks.map(
    (c) => `${c.code} @ ${c.path}`,
  );

describe('DestinationRule validations', () => {
  it('reports a host that matches no service or ServiceEntry', () => {
    expect(
      codes(`
kind: DestinationRule
metadata: { name: x, namespace: bookinfo }
spec: { host: reviewz }
`),
    ).toEqual(['dr.host-not-found @ spec.host']);
  });

  it('accepts hosts covered by a ServiceEntry wildcard', () => {
    expect(
      codes(`
kind: DestinationRule
metadata: { name: x, namespace: bookinfo }
spec: { host: api.example.com, subsets: [{ name: a, labels: { version: a } }] }
`),
    ).toEqual([]);
  });

  it('reports subsets whose labels match no workload of the service', () => {
    const v = validateCandidate(
      bookinfoSnapshot(),
      yamlObject(`
kind: DestinationRule
metadata: { name: reviews, namespace: bookinfo }
spec:
  host: reviews.bookinfo.svc.cluster.local
  subsets:
    - { name: v1, labels: { version: v1 } }
    - { name: v4, labels: { version: v4 } }
    - { name: v1-ratings, labels: { version: v1, app: ratings } }
`),
    );
    expect(v.status).toBe('error');
    expect(v.checks.map((c) => `${c.code} @ ${c.path}`)).toEqual([
      'dr.subset-no-workload @ spec.subsets[1].labels',
      'dr.subset-no-workload @ spec.subsets[2].labels',
    ]);
    expect(v.checks[0].message).toBe(
      'Subset "v4" labels version=v4 match no workload of service reviews.bookinfo.svc.cluster.local',
    );
  });

  it('reports duplicate and label-less subsets', () => {
    expect(
      codes(`
kind: DestinationRule
metadata: { name: reviews, namespace: bookinfo }
spec:
  host: reviews
  subsets:
    - { name: v1, labels: { version: v1 } }
    - { name: v1, labels: { version: v2 } }
    - { name: all }
`),
    ).toEqual([
      'dr.duplicate-subset @ spec.subsets[1].name',
      'dr.subset-without-labels @ spec.subsets[2]',
    ]);
  });
});
