import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningCluster, startCluster, writeKubeconfig } from '../cluster';
import { type RunningMesh, startMesh } from '.';
import { ENDPOINT_ANNOTATION } from './pod-sync';

const run = promisify(execFile);
let dir: string;
let kubeconfig: string;
let cluster: RunningCluster;
let mesh: RunningMesh;

const kubectl = async (...args: string[]) =>
  (await run('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'kcache'), ...args]))
    .stdout;

async function metrics(): Promise<string> {
  return (await fetch(`${mesh.metricsUrl}/metrics`)).text();
}

/** Sum of a metric's samples whose label text contains every fragment. */
function sum(text: string, metric: string, ...fragments: string[]): number {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${metric}{`) && fragments.every((f) => l.includes(f)))
    .reduce((a, l) => a + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return check();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'meshscope-h2-wl-'));
  cluster = await startCluster({ port: 0, dataDir: join(dir, 'cluster') });
  kubeconfig = join(dir, 'kubeconfig');
  await writeKubeconfig(kubeconfig, cluster.url);
  mesh = await startMesh({ kubeconfig, metricsPort: 0, rps: 20 });
});

afterAll(async () => {
  await mesh?.close();
  await cluster?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('workloads follow the cluster', () => {
  it('runs the gRPC shop applied with kubectl, with gRPC and TCP telemetry', async () => {
    const manifest = join(__dirname, '..', 'manifests', 'boutique.yaml');
    // Plain `kubectl apply` (client-side validation against /openapi/v3); one retry because a
    // busy shared machine can time out kubectl's schema download.
    await kubectl('apply', '-f', manifest).catch(() => kubectl('apply', '-f', manifest));
    // frontend calls its seven backends one after another, so checkout (last) is reached last.
    const ok = await until(async () => {
      const m = await metrics();
      return (
        sum(
          m,
          'istio_request_messages_total',
          'destination_service="checkoutservice.boutique.svc.cluster.local"',
        ) > 0 &&
        sum(
          m,
          'istio_requests_total',
          'reporter="destination"',
          'destination_workload="productcatalogservice-v2"',
          'request_protocol="grpc"',
        ) > 0 &&
        sum(
          m,
          'istio_tcp_connections_opened_total',
          'source_workload="cartservice-v1"',
          'destination_workload="redis-cart-v1"',
        ) > 0
      );
    }, 60_000);
    expect(ok).toBe(true);
    const m = await metrics();
    expect(
      sum(
        m,
        'istio_request_messages_total',
        'destination_service="checkoutservice.boutique.svc.cluster.local"',
      ),
    ).toBeGreaterThan(0);
    expect(
      sum(m, 'istio_requests_total', 'source_workload="frontend-v1"', 'grpc_response_status="0"'),
    ).toBeGreaterThan(0);
    expect(
      sum(
        m,
        'istio_tcp_received_bytes_total',
        'reporter="destination"',
        'destination_workload="redis-cart-v1"',
      ),
    ).toBeGreaterThan(0);
    expect(
      sum(
        m,
        'istio_tcp_connections_closed_total',
        'reporter="source"',
        'destination_service_name="redis-cart"',
      ),
    ).toBeGreaterThan(0);
  });

  it('scales a Deployment: new pods run, get an endpoint annotation and take traffic', async () => {
    await kubectl('scale', '-n', 'bookinfo', 'deployment/details-v1', '--replicas=3');
    const ok = await until(async () => {
      const pods = JSON.parse(
        await kubectl('get', 'pods', '-n', 'bookinfo', '-l', 'app=details', '-o', 'json'),
      ) as {
        items: { metadata: { annotations?: Record<string, string> } }[];
      };
      return (
        pods.items.length === 3 &&
        pods.items.every((p) => p.metadata.annotations?.[ENDPOINT_ANNOTATION])
      );
    }, 20_000);
    expect(ok).toBe(true);
    const health = (await (await fetch(`${mesh.metricsUrl}/healthz`)).json()) as {
      replicas: number;
    };
    expect(health.replicas).toBeGreaterThanOrEqual(9);
  });

  it('deleting a Deployment stops its workload', async () => {
    await kubectl('delete', '-n', 'boutique', 'deployment/adservice-v1');
    const before = sum(
      await metrics(),
      'istio_requests_total',
      'reporter="destination"',
      'destination_workload="adservice-v1"',
    );
    await new Promise((r) => setTimeout(r, 3000));
    const m = await metrics();
    expect(
      sum(
        m,
        'istio_requests_total',
        'reporter="destination"',
        'destination_workload="adservice-v1"',
      ),
    ).toBeLessThanOrEqual(before + 2);
    // frontend keeps calling adservice, which now has no endpoint: 503 UH from the source
    expect(
      sum(
        m,
        'istio_requests_total',
        'source_workload="frontend-v1"',
        'destination_service_name="adservice"',
        'response_flags="UH"',
      ),
    ).toBeGreaterThan(0);
  });

  it('changes the load rate at runtime and rejects bad input', async () => {
    const put = (body: string) =>
      fetch(`${mesh.metricsUrl}/load`, {
        method: 'PUT',
        body,
        headers: { 'content-type': 'application/json' },
      });
    expect((await put('{"rps": 5}')).status).toBe(200);
    expect(await (await fetch(`${mesh.metricsUrl}/load`)).json()).toEqual({ rps: 5 });
    const bad = await put('{"rps": -1}');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/rps/);
    expect((await put('nope')).status).toBe(400);
    expect(await (await fetch(`${mesh.metricsUrl}/load`)).json()).toEqual({ rps: 5 });
  });
});
