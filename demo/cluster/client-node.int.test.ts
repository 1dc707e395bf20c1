import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningCluster, startCluster } from './index';
import { startTestCluster, type TestCluster } from './test-cluster';

const NET = 'networking.istio.io';
const merge = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

let tc: TestCluster;
let restarted: RunningCluster | undefined;

function clients(kubeconfig: string) {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfig);
  return {
    kc,
    core: kc.makeApiClient(k8s.CoreV1Api),
    apps: kc.makeApiClient(k8s.AppsV1Api),
    custom: kc.makeApiClient(k8s.CustomObjectsApi),
  };
}
let c: ReturnType<typeof clients>;

interface Vs extends k8s.KubernetesObject {
  spec: { hosts: string[]; http?: unknown[] };
}

const vsBody = (name: string, version: string, labels: Record<string, string> = {}) => ({
  apiVersion: `${NET}/${version}`,
  kind: 'VirtualService',
  metadata: { name, labels },
  spec: { hosts: [name], http: [{ route: [{ destination: { host: name, subset: 'v1' } }] }] },
});

/** The Status an ApiException carries (client-node keeps the raw JSON string). */
async function failure(
  p: Promise<unknown>,
): Promise<{ code: number; reason: string; message: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof k8s.ApiException) {
      const status = JSON.parse(err.body as string) as { reason: string; message: string };
      return { code: err.code, reason: status.reason, message: status.message };
    }
    throw err;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  tc = await startTestCluster();
  c = clients(tc.kubeconfig);
});
afterAll(async () => {
  await restarted?.close();
  await tc?.dispose();
});

describe('client-node against the demo cluster', () => {
  it('reads the seeded Bookinfo through the typed core and apps clients', async () => {
    const pods = await c.core.listNamespacedPod({
      namespace: 'bookinfo',
      labelSelector: 'app=reviews',
    });
    expect(pods.items.map((p) => p.metadata?.labels?.version).sort()).toEqual(['v1', 'v2', 'v3']);
    for (const p of pods.items) {
      expect(p.status?.phase).toBe('Running');
      expect(p.status?.podIP).toMatch(/^127\.0\.\d+\.\d+$/);
      expect(p.spec?.containers.map((x) => x.name)).toContain('istio-proxy');
    }
    const d = await c.apps.readNamespacedDeployment({
      name: 'productpage-v1',
      namespace: 'bookinfo',
    });
    expect(d.spec?.template.metadata?.annotations?.['demo.meshscope.dev/calls']).toBe(
      'details:9080,reviews:9080',
    );
    expect(d.status?.readyReplicas).toBe(1);
    const gw = await c.core.listNamespacedPod({
      namespace: 'istio-system',
      labelSelector: 'istio=ingressgateway',
    });
    expect(gw.items[0].metadata?.labels?.app).toBe('istio-ingressgateway');
    const slices = await c.kc.makeApiClient(k8s.DiscoveryV1Api).listNamespacedEndpointSlice({
      namespace: 'bookinfo',
      labelSelector: 'kubernetes.io/service-name=reviews',
    });
    expect(slices.items[0].endpoints).toHaveLength(3);
  });

  it('does CRUD in every served version from one storage', async () => {
    const ns = 'bookinfo';
    const created = (await c.custom.createNamespacedCustomObject({
      group: NET,
      version: 'v1alpha3',
      namespace: ns,
      plural: 'virtualservices',
      body: vsBody('crud', 'v1alpha3', { team: 'a' }),
    })) as Vs;
    expect(created.apiVersion).toBe(`${NET}/v1alpha3`);
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(created.metadata?.generation).toBe(1);

    for (const version of ['v1', 'v1beta1', 'v1alpha3']) {
      const got = (await c.custom.getNamespacedCustomObject({
        group: NET,
        version,
        namespace: ns,
        plural: 'virtualservices',
        name: 'crud',
      })) as Vs;
      expect(got.apiVersion).toBe(`${NET}/${version}`);
      expect(got.metadata?.uid).toBe(created.metadata?.uid);
      const list = (await c.custom.listNamespacedCustomObject({
        group: NET,
        version,
        namespace: ns,
        plural: 'virtualservices',
        labelSelector: 'team=a',
      })) as { items: Vs[]; kind: string };
      expect(list.kind).toBe('VirtualServiceList');
      expect(list.items.map((i) => i.metadata?.name)).toEqual(['crud']);
    }

    const replaced = (await c.custom.replaceNamespacedCustomObject({
      group: NET,
      version: 'v1beta1',
      namespace: ns,
      plural: 'virtualservices',
      name: 'crud',
      body: { ...created, apiVersion: `${NET}/v1beta1`, spec: { hosts: ['crud', 'crud.example'] } },
    })) as Vs;
    expect(replaced.spec.hosts).toEqual(['crud', 'crud.example']);
    expect(replaced.metadata?.generation).toBe(2);

    // Status goes through /status only, and does not bump generation.
    const withStatus = (await c.custom.patchNamespacedCustomObjectStatus(
      {
        group: NET,
        version: 'v1',
        namespace: ns,
        plural: 'virtualservices',
        name: 'crud',
        body: { status: { observedGeneration: 2 } },
      },
      merge,
    )) as Vs & { status: unknown };
    expect(withStatus.status).toEqual({ observedGeneration: 2 });
    expect(withStatus.metadata?.generation).toBe(2);
    const ignored = (await c.custom.patchNamespacedCustomObject(
      {
        group: NET,
        version: 'v1',
        namespace: ns,
        plural: 'virtualservices',
        name: 'crud',
        body: { status: { observedGeneration: 99 } },
      },
      merge,
    )) as Vs & { status: unknown };
    expect(ignored.status).toEqual({ observedGeneration: 2 });

    await c.custom.deleteNamespacedCustomObject({
      group: NET,
      version: 'v1',
      namespace: ns,
      plural: 'virtualservices',
      name: 'crud',
    });
    const gone = await failure(
      c.custom.getNamespacedCustomObject({
        group: NET,
        version: 'v1beta1',
        namespace: ns,
        plural: 'virtualservices',
        name: 'crud',
      }),
    );
    expect(gone).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'virtualservices.networking.istio.io "crud" not found',
    });

    // security.istio.io serves v1 and v1beta1 only; EnvoyFilter only v1alpha3.
    await c.custom.createNamespacedCustomObject({
      group: 'security.istio.io',
      version: 'v1beta1',
      namespace: ns,
      plural: 'peerauthentications',
      body: {
        apiVersion: 'security.istio.io/v1beta1',
        kind: 'PeerAuthentication',
        metadata: { name: 'default' },
        spec: { mtls: { mode: 'STRICT' } },
      },
    });
    const pa = (await c.custom.getNamespacedCustomObject({
      group: 'security.istio.io',
      version: 'v1',
      namespace: ns,
      plural: 'peerauthentications',
      name: 'default',
    })) as k8s.KubernetesObject;
    expect(pa.apiVersion).toBe('security.istio.io/v1');
    expect(
      (
        await failure(
          c.custom.listNamespacedCustomObject({
            group: 'security.istio.io',
            version: 'v1alpha3',
            namespace: ns,
            plural: 'peerauthentications',
          }),
        )
      ).code,
    ).toBe(404);
    expect(
      (
        await failure(
          c.custom.listNamespacedCustomObject({
            group: NET,
            version: 'v1',
            namespace: ns,
            plural: 'envoyfilters',
          }),
        )
      ).code,
    ).toBe(404);
  });

  it('lists every Istio kind cluster-wide in every served version', async () => {
    const kinds: [string, string, string[]][] = [
      [NET, 'virtualservices', ['v1', 'v1beta1', 'v1alpha3']],
      [NET, 'destinationrules', ['v1', 'v1beta1', 'v1alpha3']],
      [NET, 'gateways', ['v1', 'v1beta1', 'v1alpha3']],
      [NET, 'serviceentries', ['v1', 'v1beta1', 'v1alpha3']],
      [NET, 'sidecars', ['v1', 'v1beta1', 'v1alpha3']],
      [NET, 'workloadentries', ['v1', 'v1beta1', 'v1alpha3']],
      [NET, 'workloadgroups', ['v1', 'v1beta1', 'v1alpha3']],
      [NET, 'envoyfilters', ['v1alpha3']],
      ['security.istio.io', 'peerauthentications', ['v1', 'v1beta1']],
      ['security.istio.io', 'authorizationpolicies', ['v1', 'v1beta1']],
      ['security.istio.io', 'requestauthentications', ['v1', 'v1beta1']],
    ];
    for (const [group, plural, versions] of kinds) {
      for (const version of versions) {
        const list = (await c.custom.listClusterCustomObject({ group, version, plural })) as {
          kind: string;
          items: unknown[];
        };
        expect(list.kind, `${plural}/${version}`).toMatch(/List$/);
      }
    }
    const gws = (await c.custom.listClusterCustomObject({
      group: NET,
      version: 'v1beta1',
      plural: 'gateways',
    })) as { items: Vs[] };
    expect(
      gws.items.map((g) => `${g.apiVersion} ${g.metadata?.namespace}/${g.metadata?.name}`),
    ).toEqual(['networking.istio.io/v1beta1 bookinfo/bookinfo-gateway']);
  });

  it('answers 409 on a stale resourceVersion, a failed delete precondition and a duplicate create', async () => {
    const base = { group: NET, version: 'v1', namespace: 'bookinfo', plural: 'virtualservices' };
    const v1 = (await c.custom.createNamespacedCustomObject({
      ...base,
      body: vsBody('occ', 'v1'),
    })) as Vs;
    await c.custom.patchNamespacedCustomObject(
      { ...base, name: 'occ', body: { metadata: { labels: { bumped: 'yes' } } } },
      merge,
    );
    const stale = await failure(
      c.custom.replaceNamespacedCustomObject({ ...base, name: 'occ', body: v1 }),
    );
    expect(stale).toMatchObject({ code: 409, reason: 'Conflict' });
    expect(stale.message).toContain('the object has been modified');
    const stalePatch = await failure(
      c.custom.patchNamespacedCustomObject(
        {
          ...base,
          name: 'occ',
          body: {
            metadata: { resourceVersion: v1.metadata?.resourceVersion },
            spec: { hosts: ['x'] },
          },
        },
        merge,
      ),
    );
    expect(stalePatch.code).toBe(409);
    const dup = await failure(
      c.custom.createNamespacedCustomObject({ ...base, body: vsBody('occ', 'v1') }),
    );
    expect(dup).toMatchObject({
      code: 409,
      reason: 'AlreadyExists',
      message: 'virtualservices.networking.istio.io "occ" already exists',
    });
    // A delete with DeleteOptions.preconditions removes only the version it names.
    const gone = (await c.custom.createNamespacedCustomObject({
      ...base,
      body: vsBody('occ-delete', 'v1'),
    })) as Vs;
    await c.custom.patchNamespacedCustomObject(
      { ...base, name: 'occ-delete', body: { metadata: { labels: { bumped: 'yes' } } } },
      merge,
    );
    const staleDelete = await failure(
      c.custom.deleteNamespacedCustomObject({
        ...base,
        name: 'occ-delete',
        body: { preconditions: { resourceVersion: gone.metadata?.resourceVersion } },
      }),
    );
    expect(staleDelete).toMatchObject({ code: 409, reason: 'Conflict' });
    expect(staleDelete.message).toContain('Precondition failed: ResourceVersion in precondition');
    const current = (await c.custom.getNamespacedCustomObject({
      ...base,
      name: 'occ-delete',
    })) as Vs;
    await c.custom.deleteNamespacedCustomObject({
      ...base,
      name: 'occ-delete',
      body: { preconditions: { resourceVersion: current.metadata?.resourceVersion } },
    });
    expect(
      await failure(c.custom.getNamespacedCustomObject({ ...base, name: 'occ-delete' })),
    ).toMatchObject({ code: 404 });
  });

  it('needs an explicit merge-patch content type: client-node defaults to json-patch, KubernetesObjectApi to strategic', async () => {
    const base = {
      group: NET,
      version: 'v1',
      namespace: 'bookinfo',
      plural: 'virtualservices',
      name: 'occ',
    };
    const wrong = await failure(
      c.custom.patchNamespacedCustomObject({ ...base, body: { spec: { hosts: ['y'] } } }),
    );
    expect(wrong).toMatchObject({
      code: 400,
      message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    });
    const ok = (await c.custom.patchNamespacedCustomObject(
      { ...base, body: { spec: { hosts: ['occ', 'y'] } } },
      merge,
    )) as Vs;
    expect(ok.spec.hosts).toEqual(['occ', 'y']);
    const objects = k8s.KubernetesObjectApi.makeApiClient(c.kc);
    const spec = {
      apiVersion: `${NET}/v1`,
      kind: 'VirtualService',
      metadata: { name: 'occ', namespace: 'bookinfo' },
      spec: { hosts: ['z'] },
    };
    expect((await failure(objects.patch(spec))).code).toBe(415);
    const patched = (await objects.patch(
      spec,
      undefined,
      undefined,
      undefined,
      undefined,
      k8s.PatchStrategy.MergePatch,
    )) as Vs;
    expect(patched.spec.hosts).toEqual(['z']);
  });

  it('refuses an invalid object with 422 naming the field', async () => {
    const body = vsBody('bad', 'v1');
    (body.spec.http[0] as { route: { weight?: unknown }[] }).route[0].weight = 'abc';
    const err = await failure(
      c.custom.createNamespacedCustomObject({
        group: NET,
        version: 'v1',
        namespace: 'bookinfo',
        plural: 'virtualservices',
        body,
      }),
    );
    expect(err).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(err.message).toContain('spec.http[0].route[0].weight');
  });

  it('resumes a watch from a resourceVersion: events after it, nothing before', async () => {
    const base = { group: NET, version: 'v1', namespace: 'bookinfo', plural: 'virtualservices' };
    await c.custom.createNamespacedCustomObject({ ...base, body: vsBody('before', 'v1') });
    const list = (await c.custom.listNamespacedCustomObject(base)) as {
      metadata: { resourceVersion: string };
    };
    await c.custom.createNamespacedCustomObject({ ...base, body: vsBody('after', 'v1') });
    await c.custom.patchNamespacedCustomObject(
      { ...base, name: 'after', body: { spec: { hosts: ['after', 'b'] } } },
      merge,
    );

    const seen: string[] = [];
    const ctl = await new k8s.Watch(c.kc).watch(
      `/apis/${NET}/v1/namespaces/bookinfo/virtualservices`,
      { resourceVersion: list.metadata.resourceVersion, allowWatchBookmarks: true },
      (type, obj: Vs) => seen.push(`${type} ${obj.metadata?.name}`),
      () => {},
    );
    await c.custom.deleteNamespacedCustomObject({ ...base, name: 'after' });
    await until(() => seen.length >= 3);
    ctl.abort();
    expect(seen).toEqual(['ADDED after', 'MODIFIED after', 'DELETED after']);
  });

  it('sends ADDED/DELETED when a change moves an object into or out of a label-selected watch', async () => {
    const base = { group: NET, version: 'v1', namespace: 'bookinfo', plural: 'virtualservices' };
    await c.custom.createNamespacedCustomObject({ ...base, body: vsBody('sel', 'v1') });
    const seen: string[] = [];
    const ctl = await new k8s.Watch(c.kc).watch(
      `/apis/${NET}/v1/namespaces/bookinfo/virtualservices`,
      { labelSelector: 'canary=true' },
      (type, obj: Vs) => seen.push(`${type} ${obj.metadata?.name}`),
      () => {},
    );
    const label = (v: string | null) =>
      c.custom.patchNamespacedCustomObject(
        { ...base, name: 'sel', body: { metadata: { labels: { canary: v } } } },
        merge,
      );
    await label('true');
    await c.custom.patchNamespacedCustomObject(
      { ...base, name: 'sel', body: { spec: { hosts: ['sel', 's2'] } } },
      merge,
    );
    await label(null);
    await until(() => seen.length >= 3);
    ctl.abort();
    expect(seen).toEqual(['ADDED sel', 'MODIFIED sel', 'DELETED sel']);
  });

  it('keeps an informer in sync with adds, updates and deletes', async () => {
    const base = { group: NET, version: 'v1', namespace: 'bookinfo', plural: 'destinationrules' };
    const informer = k8s.makeInformer(
      c.kc,
      `/apis/${NET}/v1/namespaces/bookinfo/destinationrules`,
      () =>
        c.custom.listNamespacedCustomObject(base) as Promise<
          k8s.KubernetesListObject<k8s.KubernetesObject>
        >,
    );
    const events: string[] = [];
    informer.on('add', (o) => events.push(`add ${o.metadata?.name}`));
    informer.on('update', (o) => events.push(`update ${o.metadata?.name}`));
    informer.on('delete', (o) => events.push(`delete ${o.metadata?.name}`));
    await informer.start();
    try {
      await c.custom.createNamespacedCustomObject({
        ...base,
        body: {
          apiVersion: `${NET}/v1`,
          kind: 'DestinationRule',
          metadata: { name: 'inf' },
          spec: { host: 'inf' },
        },
      });
      await until(() => events.includes('add inf'));
      await c.custom.patchNamespacedCustomObject(
        {
          ...base,
          name: 'inf',
          body: { spec: { subsets: [{ name: 'v1', labels: { version: 'v1' } }] } },
        },
        merge,
      );
      await until(() => events.includes('update inf'));
      await c.custom.deleteNamespacedCustomObject({ ...base, name: 'inf' });
      await until(() => events.includes('delete inf'));
      expect(informer.get('inf', 'bookinfo')).toBeUndefined();
    } finally {
      await informer.stop();
    }
  });

  it('cascades a namespace deletion with DELETED events', async () => {
    await c.core.createNamespace({ body: { metadata: { name: 'temp' } } });
    const base = { group: NET, version: 'v1', namespace: 'temp', plural: 'virtualservices' };
    await c.custom.createNamespacedCustomObject({ ...base, body: vsBody('a', 'v1') });
    await c.custom.createNamespacedCustomObject({ ...base, body: vsBody('b', 'v1') });
    const deleted: string[] = [];
    const ctl = await new k8s.Watch(c.kc).watch(
      `/apis/${NET}/v1/virtualservices`,
      {},
      (type, obj: Vs) => {
        if (type === 'DELETED') deleted.push(`${obj.metadata?.namespace}/${obj.metadata?.name}`);
      },
      () => {},
    );
    await c.core.deleteNamespace({ name: 'temp' });
    await until(() => deleted.length === 2);
    ctl.abort();
    expect(deleted.sort()).toEqual(['temp/a', 'temp/b']);
    expect((await failure(c.core.readNamespace({ name: 'temp' }))).code).toBe(404);
    const missing = await failure(
      c.custom.createNamespacedCustomObject({ ...base, body: vsBody('c', 'v1') }),
    );
    expect(missing).toMatchObject({ code: 404, message: 'namespaces "temp" not found' });
  });

  it('keeps state across a restart, and answers 410 for a watch older than the new history', async () => {
    const before = (await c.custom.getNamespacedCustomObject({
      group: NET,
      version: 'v1',
      namespace: 'bookinfo',
      plural: 'virtualservices',
      name: 'occ',
    })) as Vs;
    const pods = await c.core.listNamespacedPod({ namespace: 'bookinfo' });
    await tc.cluster.close();
    restarted = await startCluster({ port: 0, dataDir: tc.dataDir });
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'demo', server: restarted.url, skipTLSVerify: true }],
      users: [{ name: 'demo', token: 'x' }],
      contexts: [{ name: 'demo', cluster: 'demo', user: 'demo' }],
      currentContext: 'demo',
    });
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    const after = (await custom.getNamespacedCustomObject({
      group: NET,
      version: 'v1',
      namespace: 'bookinfo',
      plural: 'virtualservices',
      name: 'occ',
    })) as Vs;
    expect(after).toEqual(before);
    const podsAfter = await kc
      .makeApiClient(k8s.CoreV1Api)
      .listNamespacedPod({ namespace: 'bookinfo' });
    expect(podsAfter.items.map((p) => p.metadata?.name).sort()).toEqual(
      pods.items.map((p) => p.metadata?.name).sort(),
    );
    expect(Number(podsAfter.metadata?.resourceVersion)).toBeGreaterThanOrEqual(
      Number(pods.metadata?.resourceVersion),
    );

    const events: { type: string; code?: number }[] = [];
    await new k8s.Watch(kc).watch(
      `/apis/${NET}/v1/namespaces/bookinfo/virtualservices`,
      { resourceVersion: '1' },
      (type, obj: { code?: number }) => events.push({ type, code: obj.code }),
      () => {},
    );
    await until(() => events.length > 0);
    expect(events[0]).toEqual({ type: 'ERROR', code: 410 });
    const bad = await fetch(
      `${restarted.url}/apis/${NET}/v1/virtualservices?watch=true&resourceVersion=abc`,
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { reason: string }).reason).toBe('BadRequest');
  });
});

async function until(pred: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
