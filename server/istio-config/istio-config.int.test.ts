import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningCluster, startCluster, writeKubeconfig } from '@/demo/cluster/index';
import { listAudit } from '@/server/audit/audit-log';
import { failure } from '@/server/http/__fixtures__/failure';
import { editBeforeDelete } from '@/server/kube/__fixtures__/racing-clients';
import { type KubeClients, makeKubeClients } from '@/server/kube/client';

import { getIstioObject, listIstioConfig, listValidations } from './read';
import { createIstioObject, deleteIstioObject, updateIstioObject } from './write';

const run = promisify(execFile);

let dir: string;
let cluster: RunningCluster;
let kubeconfig: string;
let k: KubeClients;

async function kubectl(...args: string[]) {
  const { stdout } = await run('kubectl', [
    `--kubeconfig=${kubeconfig}`,
    `--cache-dir=${path.join(dir, 'kcache')}`,
    ...args,
  ]);
  return stdout;
}

/** The subset the stored reviews VirtualService routes to, read back with kubectl. */
function storedSubset() {
  return kubectl(
    'get',
    'vs',
    'reviews',
    '-n',
    'bookinfo',
    '-o',
    'jsonpath={.spec.http[0].route[0].destination.subset}',
  );
}

const REVIEWS_DR = `
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: { name: reviews }
spec:
  host: reviews
  subsets:
    - { name: v1, labels: { version: v1 } }
    - { name: v2, labels: { version: v2 } }
    - { name: v3, labels: { version: v3 } }
`;

const reviewsVs = (subset: string, extra = '') => `
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata: { name: reviews }
spec:
  hosts: [reviews]
  http:
    - route:
        - destination: { host: reviews, subset: ${subset} }${extra}
`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'meshscope-istio-config-'));
  process.env.MESHSCOPE_DATA_DIR = path.join(dir, 'console');
  kubeconfig = path.join(dir, 'kubeconfig');
  cluster = await startCluster({ port: 0, dataDir: path.join(dir, 'cluster') });
  await writeKubeconfig(kubeconfig, cluster.url);
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfig);
  k = makeKubeClients(kc);
});

afterAll(async () => {
  await cluster?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('Istio config against the demo cluster', () => {
  it('lists the seeded Bookinfo config with validations and service versions', async () => {
    const list = await listIstioConfig('bookinfo', k);
    const rows = list.items.map((i) => `${i.kind}/${i.name}:${i.validation.status}`);
    expect(rows).toEqual(['VirtualService/bookinfo:valid', 'Gateway/bookinfo-gateway:valid']);
    expect(list.items[0].resourceVersion).toMatch(/^\d+$/);
    expect(list.items[0].apiVersion).toBe('networking.istio.io/v1');
    expect(list.services.find((s) => s.name === 'reviews')?.versions).toEqual(['v1', 'v2', 'v3']);
  });

  it('404s an unknown namespace and a missing object', async () => {
    expect((await failure(listIstioConfig('nope', k))).message).toBe('namespace "nope" not found');
    const e = await failure(getIstioObject('bookinfo', 'VirtualService', 'missing', k));
    expect(e.status).toBe(404);
  });

  it('dry-runs a create without saving, reporting semantic findings', async () => {
    const res = await createIstioObject('bookinfo', reviewsVs('v9'), { dryRun: true }, k);
    expect(res.dryRun).toBe(true);
    expect(res.object.metadata.name).toBe('reviews');
    expect(res.validation.checks.map((c) => c.code)).toEqual(['vs.subset-not-found']);
    const e = await run('kubectl', [
      `--kubeconfig=${kubeconfig}`,
      'get',
      'vs',
      'reviews',
      '-n',
      'bookinfo',
    ]).catch((err: { stderr: string }) => err);
    expect((e as { stderr: string }).stderr).toContain('NotFound');
    expect((await listAudit()).total).toBe(0);
  });

  it('surfaces the field of a schema error (422 from the API server)', async () => {
    const bad = reviewsVs('v1', '\n          weight: fifty');
    const e = await failure(createIstioObject('bookinfo', bad, { dryRun: true }, k));
    expect(e.status).toBe(422);
    expect(e.message).toContain('spec.http[0].route[0].weight');
  });

  it('rejects unknown fields instead of dropping them silently', async () => {
    const bad = reviewsVs('v1').replace('hosts:', 'hostz: [x]\n  hosts:');
    const e = await failure(createIstioObject('bookinfo', bad, {}, k));
    expect(e.status).toBe(422);
    expect(e.message).toContain('hostz');
  });

  it('creates, validates, updates and deletes, each with a version precondition', async () => {
    const dr = await createIstioObject('bookinfo', REVIEWS_DR, { user: 'alice' }, k);
    expect(dr.validation.status).toBe('valid');
    const vs = await createIstioObject('bookinfo', reviewsVs('v9'), { user: 'alice' }, k);
    expect(vs.object.apiVersion).toBe('networking.istio.io/v1beta1');
    expect(vs.validation.status).toBe('error');

    const list = await listIstioConfig('bookinfo', k);
    const row = list.items.find((i) => i.kind === 'VirtualService' && i.name === 'reviews');
    expect(row?.validation.checks[0]).toMatchObject({
      code: 'vs.subset-not-found',
      path: 'spec.http[0].route[0].destination.subset',
    });
    const badges = await listValidations(['bookinfo'], k);
    expect(badges.items.map((i) => `${i.kind}/${i.name}`)).toEqual(['VirtualService/reviews']);

    // Fix the subset from the version we read; a second writer from the same version loses.
    const detail = await getIstioObject('bookinfo', 'VirtualService', 'reviews', k);
    expect(detail.object.metadata.managedFields).toBeUndefined();
    const edited = structuredClone(detail.object);
    (
      edited.spec as { http: { route: { destination: { subset: string } }[] }[] }
    ).http[0].route[0].destination.subset = 'v3';
    const saved = await updateIstioObject(
      'bookinfo',
      'VirtualService',
      'reviews',
      edited,
      { user: 'bob' },
      k,
    );
    expect(saved.validation.status).toBe('valid');
    expect(await storedSubset()).toBe('v3');

    const stale = await failure(
      updateIstioObject('bookinfo', 'VirtualService', 'reviews', detail.object, {}, k),
    );
    expect(stale.status).toBe(409);
    expect(stale.message).toContain('changed by someone else');
    const current = (stale.extra.details as { current: { metadata: { resourceVersion: string } } })
      .current;
    expect(current.metadata.resourceVersion).toBe(saved.object.metadata.resourceVersion);

    // A dry-run update changes nothing.
    const again = structuredClone(saved.object);
    again.spec = {
      hosts: ['reviews'],
      http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }],
    };
    const dry = await updateIstioObject(
      'bookinfo',
      'VirtualService',
      'reviews',
      again,
      { dryRun: true },
      k,
    );
    expect(dry.dryRun).toBe(true);
    expect(await storedSubset()).toBe('v3');

    const missingRv = structuredClone(again);
    delete missingRv.metadata.resourceVersion;
    expect(
      (await failure(updateIstioObject('bookinfo', 'VirtualService', 'reviews', missingRv, {}, k)))
        .status,
    ).toBe(400);

    // A delete names the version the user saw: an older one deletes nothing.
    const deleteReviews = (resourceVersion: string | undefined, clients = k) =>
      deleteIstioObject(
        'bookinfo',
        'VirtualService',
        'reviews',
        { user: 'carol', resourceVersion },
        clients,
      );
    const staleDelete = await failure(deleteReviews(detail.object.metadata.resourceVersion));
    expect(staleDelete.status).toBe(409);
    expect(staleDelete.message).toContain('nothing was deleted');
    expect(await storedSubset()).toBe('v3');

    // An edit that lands between Meshscope's read and its delete is caught by the API server's
    // delete precondition (the edit is made with kubectl just before the DELETE goes out).
    const racing = editBeforeDelete(k, () =>
      kubectl('label', 'vs', 'reviews', '-n', 'bookinfo', 'raced=yes'),
    );
    const raced = await failure(deleteReviews(saved.object.metadata.resourceVersion, racing));
    expect(raced.status).toBe(409);
    const racedCurrent = (
      raced.extra.details as { current: { metadata: { labels?: Record<string, string> } } }
    ).current;
    expect(racedCurrent.metadata.labels).toMatchObject({ raced: 'yes' });

    const latest = await getIstioObject('bookinfo', 'VirtualService', 'reviews', k);
    await deleteReviews(latest.object.metadata.resourceVersion);
    expect((await failure(getIstioObject('bookinfo', 'VirtualService', 'reviews', k))).status).toBe(
      404,
    );

    const audit = await listAudit({ namespace: 'bookinfo' });
    expect(audit.entries.map((e) => `${e.user} ${e.action} ${e.kind}/${e.name}`)).toEqual([
      'carol delete VirtualService/reviews',
      'bob update VirtualService/reviews',
      'alice create VirtualService/reviews',
      'alice create DestinationRule/reviews',
    ]);
    expect(audit.entries[1].before).toMatchObject({
      http: [{ route: [{ destination: { subset: 'v9' } }] }],
    });
    expect(audit.entries[1].after).toMatchObject({
      http: [{ route: [{ destination: { subset: 'v3' } }] }],
    });
  });

  it('answers AlreadyExists as a conflict', async () => {
    const e = await failure(createIstioObject('bookinfo', REVIEWS_DR, {}, k));
    expect(e.status).toBe(409);
    expect(e.message).toContain('already exists');
  });
});
