import { describe, expect, it } from 'vitest';

import { listAudit } from '@/server/audit/audit-log';
import type { AppError } from '@/server/http/app-error';
import type { TrafficUpdateResult } from '@/server/model/traffic';

import { failure, useTrafficCluster } from './__fixtures__/traffic-cluster';
import { createIstio, getIstio } from './istio-api';
import { getTrafficSplit, updateTrafficSplit } from './traffic-service';

const tc = useTrafficCluster();
const kubectl = (...args: string[]) => tc.kubectl(...args);
const apply = (yaml: string) => tc.apply(yaml);
const ctx = () => tc.ctx();

describe('traffic split against the demo cluster', () => {
  it('derives subsets from version labels when there is no VS or DR', async () => {
    const split = await getTrafficSplit(tc.k, 'bookinfo', 'reviews');
    expect(split.subsets.map((s) => [s.name, s.workloads, s.fromDestinationRule])).toEqual([
      ['v1', ['reviews-v1'], false],
      ['v2', ['reviews-v2'], false],
      ['v3', ['reviews-v3'], false],
    ]);
    expect(split.weights).toEqual({ v1: 34, v2: 33, v3: 33 });
    expect(split.virtualService).toBeUndefined();
    expect(split.stableSubset).toBe('v1');
  });

  it('404s an unknown namespace or service, and an unknown route', async () => {
    expect((await failure(getTrafficSplit(tc.k, 'nope', 'reviews'))).message).toBe(
      'namespace "nope" not found',
    );
    const e = await failure(getTrafficSplit(tc.k, 'bookinfo', 'nope'));
    expect([e.status, e.message]).toEqual([
      404,
      'service "nope" not found in namespace "bookinfo"',
    ]);
  });

  it('creates a labelled VS and DR when missing, and audits both', async () => {
    const res = await updateTrafficSplit(
      tc.k,
      'bookinfo',
      'reviews',
      { weights: { v1: 0, v3: 100 } },
      ctx(),
    );
    const vs = res.virtualService as {
      metadata: { labels: Record<string, string> };
      spec: unknown;
    };
    expect(vs.metadata.labels['app.kubernetes.io/managed-by']).toBe('meshscope');
    expect(vs.spec).toEqual({
      hosts: ['reviews'],
      http: [
        {
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 0 },
            { destination: { host: 'reviews', subset: 'v3' }, weight: 100 },
          ],
        },
      ],
    });
    const dr = (await getIstio(tc.k, 'DestinationRule', 'bookinfo', 'reviews'))!;
    expect(dr.metadata.labels?.['app.kubernetes.io/managed-by']).toBe('meshscope');
    expect(dr.spec?.subsets).toEqual([
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'v2', labels: { version: 'v2' } },
      { name: 'v3', labels: { version: 'v3' } },
    ]);
    const log = await listAudit({ namespace: 'bookinfo' }, tc.audit);
    expect(log.entries.map((e) => [e.action, e.kind, e.user, e.before])).toEqual([
      ['create', 'VirtualService', 'tester', null],
      ['create', 'DestinationRule', 'tester', null],
    ]);
    expect(res.auditId).toBe(log.entries[0].id);
    const split = await getTrafficSplit(tc.k, 'bookinfo', 'reviews');
    expect(split.weights).toEqual({ v1: 0, v2: 0, v3: 100 });
    expect(split.virtualService?.managedByMeshscope).toBe(true);
  });

  it('keeps other routes, matches, retries and unknown fields when editing', async () => {
    await createIstio(tc.k, {
      kind: 'VirtualService',
      metadata: { name: 'details', namespace: 'bookinfo' },
      spec: {
        hosts: ['details'],
        http: [
          {
            name: 'jason',
            match: [{ headers: { 'end-user': { exact: 'jason' } } }],
            route: [{ destination: { host: 'details', subset: 'v1' } }],
            fault: { delay: { fixedDelay: '1s', percentage: { value: 50 } } },
          },
          {
            name: 'default',
            route: [{ destination: { host: 'details', subset: 'v1' }, weight: 100 }],
            retries: { attempts: 3, perTryTimeout: '2s' },
            timeout: '5s',
            // Fields Meshscope has no notion of: they must come back untouched.
            corsPolicy: { allowOrigins: [{ exact: 'https://a.example' }], allowMethods: ['GET'] },
            headers: { response: { add: { 'x-served-by': 'details' } } },
          },
        ],
      },
    });
    await createIstio(tc.k, {
      kind: 'DestinationRule',
      metadata: { name: 'details', namespace: 'bookinfo' },
      spec: { host: 'details', subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
    });
    const before = await getTrafficSplit(tc.k, 'bookinfo', 'details');
    expect(before.route).toBe(1);
    expect(before.routes.map((r) => [r.name, r.match])).toEqual([
      ['jason', 'end-user = jason'],
      ['default', 'default'],
    ]);
    await updateTrafficSplit(
      tc.k,
      'bookinfo',
      'details',
      {
        weights: { v1: 100 },
        mirror: { subset: 'v1', percent: 5 },
        resourceVersion: before.virtualService!.resourceVersion,
      },
      ctx(),
    );
    const vs = (await getIstio(tc.k, 'VirtualService', 'bookinfo', 'details'))!;
    const http = vs.spec!.http as Record<string, unknown>[];
    expect(http[0]).toEqual(
      before.virtualServiceSpec!.http && (before.virtualServiceSpec!.http as unknown[])[0],
    );
    expect(http[1]).toMatchObject({
      name: 'default',
      retries: { attempts: 3, perTryTimeout: '2s' },
      timeout: '5s',
      corsPolicy: { allowOrigins: [{ exact: 'https://a.example' }], allowMethods: ['GET'] },
      headers: { response: { add: { 'x-served-by': 'details' } } },
      mirror: { host: 'details', subset: 'v1' },
      mirrorPercentage: { value: 5 },
    });
    // The named route can be edited too.
    const jason = await getTrafficSplit(tc.k, 'bookinfo', 'details', 'jason');
    expect([jason.route, jason.weights]).toEqual([0, { v1: 100 }]);
  });

  it('rejects each kind of invalid weights with 422 naming the problem', async () => {
    await createIstio(tc.k, {
      kind: 'DestinationRule',
      metadata: { name: 'ratings', namespace: 'bookinfo' },
      spec: {
        host: 'ratings',
        subsets: [
          { name: 'v1', labels: { version: 'v1' } },
          { name: 'v9', labels: { version: 'v9' } },
        ],
      },
    });
    const cases: [Record<string, unknown>, string][] = [
      [{ v1: 99.5, v9: 0.5 }, 'weight for subset "v1" must be an integer (got 99.5)'],
      [{ v9: -10, v1: 110 }, 'weight for subset "v9" must not be negative (got -10)'],
      [{ v1: 110, v9: -10 }, 'weight for subset "v1" must be at most 100 (got 110)'],
      [{ v1: 90 }, 'weights must sum to 100 (they sum to 90)'],
      [{ v1: 50, v2: 50 }, 'unknown subset "v2" (subsets: v1, v9)'],
      [
        { v1: 50, v9: 50 },
        'subset "v9" has labels that match no workload, so it cannot receive traffic',
      ],
    ];
    for (const [weights, message] of cases) {
      const e = await failure(
        updateTrafficSplit(
          tc.k,
          'bookinfo',
          'ratings',
          { weights: weights as Record<string, number> },
          ctx(),
        ),
      );
      expect([e.status, e.message]).toEqual([422, message]);
    }
    // Nothing was written.
    expect(await getIstio(tc.k, 'VirtualService', 'bookinfo', 'ratings')).toBeUndefined();
  });

  it('lets exactly one of two racing edits win; the other gets 409 with the current object', async () => {
    const split = await getTrafficSplit(tc.k, 'bookinfo', 'reviews');
    const rv = split.virtualService!.resourceVersion;
    const results = await Promise.allSettled([
      updateTrafficSplit(
        tc.k,
        'bookinfo',
        'reviews',
        { weights: { v1: 50, v3: 50 }, resourceVersion: rv },
        ctx(),
      ),
      updateTrafficSplit(
        tc.k,
        'bookinfo',
        'reviews',
        { weights: { v2: 100 }, resourceVersion: rv },
        ctx(),
      ),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect([won.length, lost.length]).toEqual([1, 1]);
    const err = (lost[0] as PromiseRejectedResult).reason as AppError;
    expect(err.status).toBe(409);
    const current = (err.extra.details as { current: { metadata: { resourceVersion: string } } })
      .current;
    const winner = (won[0] as PromiseFulfilledResult<TrafficUpdateResult>).value.virtualService as {
      metadata: { resourceVersion: string };
    };
    expect(current.metadata.resourceVersion).toBe(winner.metadata.resourceVersion);
    // A later edit from the old version is refused too: never a silent overwrite.
    const again = await failure(
      updateTrafficSplit(
        tc.k,
        'bookinfo',
        'reviews',
        { weights: { v1: 100 }, resourceVersion: rv },
        ctx(),
      ),
    );
    expect(again.status).toBe(409);
  });

  it('reads and writes v1alpha3 and v1beta1 objects in their own version', async () => {
    for (const [service, version] of [
      ['ratings', 'v1alpha3'],
      ['productpage', 'v1beta1'],
    ] as const) {
      await apply(`apiVersion: networking.istio.io/${version}
kind: VirtualService
metadata: {name: ${service}, namespace: bookinfo}
spec:
  hosts: [${service}]
  http:
    - route: [{destination: {host: ${service}, subset: v1}}]
`);
      const split = await getTrafficSplit(tc.k, 'bookinfo', service);
      expect(split.virtualService?.apiVersion).toBe(`networking.istio.io/${version}`);
      expect(split.weights.v1).toBe(100);
      const res = await updateTrafficSplit(
        tc.k,
        'bookinfo',
        service,
        { weights: { v1: 100 }, resourceVersion: split.virtualService!.resourceVersion },
        ctx(),
      );
      expect((res.virtualService as { apiVersion: string }).apiVersion).toBe(
        `networking.istio.io/${version}`,
      );
    }
    const yaml = await kubectl('get', 'vs', 'ratings', '-n', 'bookinfo', '-o', 'yaml');
    expect(yaml).toContain('weight: 100');
  });

  it('undoes a change by restoring the recorded spec', async () => {
    const split = await getTrafficSplit(tc.k, 'bookinfo', 'reviews');
    const res = await updateTrafficSplit(
      tc.k,
      'bookinfo',
      'reviews',
      { weights: { v1: 100 }, resourceVersion: split.virtualService!.resourceVersion },
      ctx(),
    );
    const entry = (
      await listAudit({ namespace: 'bookinfo', name: 'reviews', kind: 'VirtualService' }, tc.audit)
    ).entries[0];
    expect(entry.id).toBe(res.auditId);
    const rv = (res.virtualService as { metadata: { resourceVersion: string } }).metadata
      .resourceVersion;
    await updateTrafficSplit(
      tc.k,
      'bookinfo',
      'reviews',
      { weights: {}, restoreSpec: entry.before, resourceVersion: rv },
      ctx(),
    );
    const vs = await getIstio(tc.k, 'VirtualService', 'bookinfo', 'reviews');
    expect(vs?.spec).toEqual(entry.before);
  });

  it('dry runs validate and compute without storing or auditing', async () => {
    const split = await getTrafficSplit(tc.k, 'bookinfo', 'reviews');
    const count = (await listAudit({}, tc.audit)).total;
    const res = await updateTrafficSplit(
      tc.k,
      'bookinfo',
      'reviews',
      { weights: { v2: 100 }, resourceVersion: split.virtualService!.resourceVersion },
      { ...ctx(), dryRun: true },
    );
    const spec = (res.virtualService as { spec: { http: { route: unknown[] }[] } }).spec;
    expect(spec.http[0].route).toContainEqual({
      destination: { host: 'reviews', subset: 'v2' },
      weight: 100,
    });
    expect(res.auditId).toBeUndefined();
    expect((await listAudit({}, tc.audit)).total).toBe(count);
    const after = await getTrafficSplit(tc.k, 'bookinfo', 'reviews');
    expect(after.virtualService!.resourceVersion).toBe(split.virtualService!.resourceVersion);
  });

  it('keeps VS edits and the audit trail across a restart', async () => {
    const before = await listAudit({}, tc.audit);
    const split = await getTrafficSplit(tc.k, 'bookinfo', 'reviews');
    await tc.restart();
    const again = await getTrafficSplit(tc.k, 'bookinfo', 'reviews');
    expect(again.weights).toEqual(split.weights);
    const after = await listAudit({}, tc.audit);
    expect(after.entries.map((e) => e.id)).toEqual(before.entries.map((e) => e.id));
    expect(after.total).toBeGreaterThanOrEqual(8);
  });
});
