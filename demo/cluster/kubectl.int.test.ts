import { spawn } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestCluster, type TestCluster } from './test-cluster';

const fixture = (name: string) =>
  join(dirname(fileURLToPath(import.meta.url)), '__fixtures__', name);

let tc: TestCluster;
const k = (...args: string[]) => tc.kubectl(args);
/** `kc('get vs -n bookinfo', '-o', 'json')`: words of the first string, then the rest as-is. */
const kc = (words: string, ...rest: string[]) => tc.kubectl([...words.split(' '), ...rest]);

beforeAll(async () => {
  tc = await startTestCluster();
});
afterAll(async () => {
  await tc?.dispose();
});

describe('the real kubectl against the demo cluster', () => {
  it('lists the seeded Bookinfo namespace, deployments, services and pods', async () => {
    const r = await k('get', 'ns,deploy,svc,pods', '-n', 'bookinfo');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const name of [
      'namespace/bookinfo',
      'deployment.apps/reviews-v3',
      'service/productpage',
      'pod/ratings-v1-',
    ]) {
      expect(r.stdout).toContain(name);
    }
    // Six Deployments, each 1/1 ready, and six pods with the app container plus istio-proxy.
    expect(r.stdout.match(/deployment\.apps\/\S+\s+1\/1\s+1\s+1/g)).toHaveLength(6);
    expect(r.stdout.match(/pod\/\S+\s+2\/2\s+Running/g)).toHaveLength(6);
    expect(r.stdout).toMatch(
      /service\/reviews\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+9080\/TCP/,
    );
    const ns = await kc('get ns bookinfo -o', 'jsonpath={.metadata.labels.istio-injection}');
    expect(ns.stdout).toBe('enabled');
  });

  it('applies routing fixtures with plain `apply -f` and shows HOSTS and GATEWAYS', async () => {
    const files = [
      'destination-rules.yaml',
      'reviews-50-50.yaml',
      'ratings-fault.yaml',
      'productpage-resilience.yaml',
      'gateway.yaml',
    ];
    const r = await k('apply', ...files.flatMap((f) => ['-f', fixture(f)]));
    expect(r.stderr).toBe('');
    expect(r.stdout.match(/ created$/gm)).toHaveLength(7);
    const again = await k('apply', '-f', fixture('reviews-50-50.yaml'));
    expect(again.stdout).toContain('virtualservice.networking.istio.io/reviews unchanged');

    const vs = await k('get', 'vs', '-A');
    expect(vs.stdout.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+GATEWAYS\s+HOSTS\s+AGE/);
    expect(vs.stdout).toMatch(/bookinfo\s+shop\s+\["shop-gateway"\]\s+\["shop\.example\.com"\]/);
    expect(vs.stdout).toMatch(/bookinfo\s+reviews\s+\["reviews"\]/);
    const dr = await k('get', 'dr', '-n', 'bookinfo');
    expect(dr.stdout).toMatch(/NAME\s+HOST\s+AGE\n/);
    expect(dr.stdout).toMatch(/ratings\s+ratings/);
  });

  it('patches with --type merge and --type json, and refuses strategic merge on a VirtualService', async () => {
    const merge = await kc(
      'patch vs reviews -n bookinfo --type merge -p',
      '{"spec":{"hosts":["reviews","reviews.bookinfo.svc.cluster.local"]}}',
    );
    expect(merge.stdout).toContain('patched');
    const json = await kc(
      'patch vs reviews -n bookinfo --type json -p',
      '[{"op":"replace","path":"/spec/http/1/route/0/weight","value":90},{"op":"replace","path":"/spec/http/1/route/1/weight","value":10}]',
    );
    expect(json.stdout).toContain('patched');
    const got = await kc(
      'get vs reviews -n bookinfo -o',
      'jsonpath={.spec.hosts[1]} {.spec.http[1].route[*].weight} {.metadata.generation}',
    );
    expect(got.stdout).toBe('reviews.bookinfo.svc.cluster.local 90 10 3');

    const sm = await kc('patch vs reviews -n bookinfo -p', '{"spec":{"hosts":["x"]}}');
    expect(sm.code).not.toBe(0);
    expect(sm.stderr).toContain(
      'application/strategic-merge-patch+json is not supported by networking.istio.io/v1, Kind=VirtualService: the body of the request was in an unknown format',
    );
  });

  it('refuses a replace with a stale resourceVersion with 409 Conflict', async () => {
    const live = await k('get', 'vs', 'ratings', '-n', 'bookinfo', '-o', 'json');
    const file = join(tc.dataDir, '..', 'ratings-live.json');
    await writeFile(file, live.stdout);
    await k('label', 'vs', 'ratings', '-n', 'bookinfo', 'touched=yes');
    const r = await k('replace', '-f', file);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Error from server (Conflict)');
    expect(r.stderr).toContain(
      'the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('refuses an invalid weight with a 422 that names the field, and an unknown field with a strict decoding error', async () => {
    const bad = await k('apply', '-f', fixture('invalid-weight.yaml'));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain(
      'The VirtualService "broken" is invalid: spec.http[0].route[0].weight',
    );
    const typo = await k('apply', '-f', fixture('unknown-field.yaml'));
    expect(typo.code).not.toBe(0);
    expect(typo.stderr).toContain('strict decoding error: unknown field "spec.htp"');
    const none = await k('get', 'vs', 'broken', 'typo', '-n', 'bookinfo', '--ignore-not-found');
    expect(none.stdout).toBe('');
  });

  it('edits a VirtualService through $EDITOR', async () => {
    const editor = join(tc.dataDir, '..', 'editor.sh');
    await writeFile(
      editor,
      '#!/bin/sh\nsed -i "s/weight: 90/weight: 75/; s/weight: 10/weight: 25/" "$1"\n',
    );
    await chmod(editor, 0o755);
    const r = await tc.kubectl(['edit', 'vs', 'reviews', '-n', 'bookinfo'], {
      EDITOR: editor,
      KUBE_EDITOR: editor,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('edited');
    const got = await kc(
      'get vs reviews -n bookinfo -o',
      'jsonpath={.spec.http[1].route[*].weight}',
    );
    expect(got.stdout).toBe('75 25');
  });

  it('applies server-side, creating then updating', async () => {
    const file = join(tc.dataDir, '..', 'details-ssa.yaml');
    const manifest = (timeout: string) =>
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: details\n  namespace: bookinfo\nspec:\n  hosts: [details]\n  http:\n    - timeout: ${timeout}\n      route:\n        - destination: {host: details}\n`;
    await writeFile(file, manifest('2s'));
    const first = await k('apply', '--server-side', '-f', file);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('serverside-applied');
    await writeFile(file, manifest('5s'));
    await k('apply', '--server-side', '-f', file);
    const got = await kc(
      'get vs details -n bookinfo -o',
      'jsonpath={.spec.http[0].timeout} {.metadata.managedFields[0].manager} {.metadata.managedFields[0].operation}',
    );
    expect(got.stdout).toBe('5s kubectl Apply');
  });

  it('streams an update to `get vs -w`', async () => {
    const child = spawn('kubectl', [
      '--kubeconfig',
      tc.kubeconfig,
      '--cache-dir',
      join(tc.dataDir, '..', 'kube-cache'),
      'get',
      'vs',
      '-n',
      'bookinfo',
      '-w',
    ]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await until(() => /details\s/.test(out));
      await kc(
        'patch vs details -n bookinfo --type merge -p',
        '{"spec":{"hosts":["details","details.bookinfo"]}}',
      );
      await until(() => out.includes('["details","details.bookinfo"]'));
      // One header only: watch events come as Tables with the same columns.
      expect(out.match(/GATEWAYS/g)).toHaveLength(1);
    } finally {
      child.kill();
    }
  });

  it('deletes, then reports NotFound', async () => {
    const del = await k('delete', 'vs', 'details', '-n', 'bookinfo');
    expect(del.stdout).toContain('virtualservice.networking.istio.io "details" deleted');
    const get = await k('get', 'vs', 'details', '-n', 'bookinfo');
    expect(get.stderr).toContain(
      'Error from server (NotFound): virtualservices.networking.istio.io "details" not found',
    );
    const ns = await k('get', 'vs', 'x', '-n', 'nowhere');
    expect(ns.stderr).toContain('namespaces "nowhere" not found');
  });

  it('creates a namespace and a deployment, scales it, and cascades a namespace deletion', async () => {
    expect((await k('create', 'ns', 'shop')).stdout).toContain('namespace/shop created');
    const deploy = join(tc.dataDir, '..', 'web.yaml');
    await writeFile(
      deploy,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web, version: v1}}\n    spec:\n      containers: [{name: web, image: web:1}]\n',
    );
    expect((await k('apply', '-f', deploy)).stderr).toBe('');
    await until(
      async () =>
        (await k('get', 'pods', '-n', 'shop', '--no-headers')).stdout.trim().split('\n').length ===
        2,
    );
    expect((await k('scale', 'deploy', 'web', '-n', 'shop', '--replicas=3')).stdout).toContain(
      'scaled',
    );
    await until(
      async () =>
        (await k('get', 'pods', '-n', 'shop', '-l', 'app=web', '--no-headers')).stdout
          .trim()
          .split('\n').length === 3,
    );
    expect((await k('delete', 'ns', 'shop')).stdout).toContain('namespace "shop" deleted');
    const left = await k('get', 'deploy,rs,pods', '-n', 'shop');
    expect(left.stderr).toContain('No resources found in shop namespace.');
    expect((await k('get', 'ns', 'shop')).stderr).toContain('namespaces "shop" not found');
  });

  it('validates but stores nothing with --dry-run=server', async () => {
    expect(
      (await k('delete', 'vs', 'reviews', '-n', 'bookinfo', '--dry-run=server')).stdout,
    ).toContain('deleted (server dry run)');
    expect((await k('create', 'ns', 'ghost', '--dry-run=server')).stdout).toContain(
      'created (server dry run)',
    );
    expect((await k('get', 'vs', 'reviews', '-n', 'bookinfo', '-o', 'name')).stdout.trim()).toBe(
      'virtualservice.networking.istio.io/reviews',
    );
    expect((await k('get', 'ns', 'ghost')).stderr).toContain('not found');
  });
});

async function until(pred: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await pred()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}
