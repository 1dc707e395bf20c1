/**
 * p95 time to apply a VirtualService weight change (target ≤ 100 ms), against the demo cluster
 * started in-process on port 0, through the same server function the PUT route calls (read
 * namespace/service/workloads/VS/DR, validate, merge-patch with a resourceVersion precondition,
 * append to the audit log). With BENCH_CONSOLE_URL set (a running console whose cluster may be
 * changed), it also times `PUT /api/namespaces/bookinfo/services/reviews/traffic` over HTTP.
 *
 *   npx tsx bench/traffic-apply.bench.ts            [BENCH_ITERATIONS=100]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

// server/ modules import 'server-only', which only resolves outside React under the
// react-server condition: re-run this script with it (tsx's loader flags are kept).
if (!process.execArgv.includes('--conditions=react-server')) {
  const r = spawnSync(
    process.execPath,
    ['--conditions=react-server', ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
}

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100);
const SPLITS = [
  { v1: 0, v2: 0, v3: 100 },
  { v1: 50, v2: 0, v3: 50 },
  { v1: 90, v2: 10, v3: 0 },
  { v1: 34, v2: 33, v3: 33 },
];

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { n: s.length, p50: q(50), p95: q(95), p99: q(99), max: s[s.length - 1] };
}

function row(label: string, ms: number[]) {
  const r = stats(ms);
  const f = (x: number) => x.toFixed(1).padStart(7);
  const verdict = r.p95 <= 100 ? 'ok' : 'OVER';
  console.log(
    `${label.padEnd(34)} ${String(r.n).padStart(5)} ${f(r.p50)} ${f(r.p95)} ${f(r.p99)} ${f(r.max)}   ≤100 ms: ${verdict}`,
  );
}

async function main() {
  const k8s = await import('@kubernetes/client-node');
  const { startCluster, writeKubeconfig } = await import('../demo/cluster/index');
  const { makeKubeClients } = await import('../server/kube/client');
  const { getTrafficSplit, updateTrafficSplit } = await import('../server/traffic/traffic-service');

  const dir = await mkdtemp(path.join(tmpdir(), 'meshscope-bench-traffic-'));
  const cluster = await startCluster({ port: 0, dataDir: path.join(dir, 'cluster') });
  try {
    const kubeconfig = path.join(dir, 'kubeconfig');
    await writeKubeconfig(kubeconfig, cluster.url);
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(kubeconfig);
    const k = makeKubeClients(kc);
    const ctx = { user: 'bench', auditFile: path.join(dir, 'data', 'audit.jsonl') };

    // First apply creates the VS and DR; not part of the steady-state figures.
    const t0 = performance.now();
    await updateTrafficSplit(k, 'bookinfo', 'reviews', { weights: SPLITS[0] }, ctx);
    const create = performance.now() - t0;

    const apply: number[] = [];
    const read: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const r0 = performance.now();
      const split = await getTrafficSplit(k, 'bookinfo', 'reviews');
      read.push(performance.now() - r0);
      const a0 = performance.now();
      await updateTrafficSplit(
        k,
        'bookinfo',
        'reviews',
        {
          weights: SPLITS[(i + 1) % SPLITS.length],
          resourceVersion: split.virtualService?.resourceVersion,
        },
        ctx,
      );
      apply.push(performance.now() - a0);
    }

    const load = (await import('node:os')).loadavg()[0].toFixed(1);
    console.log(
      `traffic apply: demo cluster in-process (Bookinfo, reviews v1/v2/v3), ${ITERATIONS} applies, load avg ${load}`,
    );
    console.log(
      `${'measure (ms)'.padEnd(34)} ${'n'.padStart(5)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}`,
    );
    console.log(
      `${'first apply (creates VS + DR)'.padEnd(34)}     1 ${create.toFixed(1).padStart(7)}`,
    );
    row('GET split (server function)', read);
    row('PUT weights (server function)', apply);

    const url = process.env.BENCH_CONSOLE_URL?.replace(/\/$/, '');
    if (url) {
      const api = `${url}/api/namespaces/bookinfo/services/reviews/traffic`;
      const http: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        const split = (await (await fetch(api)).json()) as {
          virtualService?: { resourceVersion: string };
        };
        const h0 = performance.now();
        const res = await fetch(api, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-forwarded-user': 'bench' },
          body: JSON.stringify({
            weights: SPLITS[i % SPLITS.length],
            resourceVersion: split.virtualService?.resourceVersion,
          }),
        });
        await res.text();
        if (!res.ok) throw new Error(`PUT answered ${res.status}`);
        http.push(performance.now() - h0);
      }
      row(`PUT over HTTP (${new URL(url).host})`, http);
    } else {
      console.log('(set BENCH_CONSOLE_URL to a running console to time the HTTP route too)');
    }
  } finally {
    await cluster.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
