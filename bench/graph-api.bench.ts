/**
 * Graph API benchmark (not a test): a 1,000-workload / 100-namespace mesh in a real Prometheus,
 * plus 10- and 100-workload meshes, measured through the same server function the route calls.
 *
 *   npx tsx bench/graph-api.bench.ts
 *
 * The mesh: `demo/mesh`'s generateLargeMesh is not available yet, so a child process of this
 * file exposes Istio-shaped metrics for a generated mesh (full Istio label set, Istio's 19
 * duration buckets, both reporters, 200 and 503 outcomes) and a real Prometheus scrapes it every
 * 10 s (three scrapes, then it stops). The Kubernetes side is the matching inventory passed as plain data.
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const PROM_PORT = 19092;
/** Cold runs per mesh size (each a full round of queries). */
const COLD_RUNS = 5;
const EXPORTER_PORT = 19093;
const DURATION_BUCKETS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000,
  1800000, 3600000,
];

interface MeshSpec {
  name: string;
  prefix: string;
  namespaces: number;
  perNamespace: number;
}

const MESHES: MeshSpec[] = [
  { name: '10 workloads / 1 ns', prefix: 'small', namespaces: 1, perNamespace: 10 },
  { name: '100 workloads / 10 ns', prefix: 'mid', namespaces: 10, perNamespace: 10 },
  { name: '1,000 workloads / 100 ns', prefix: 'large', namespaces: 100, perNamespace: 10 },
];

interface Wl {
  ns: string;
  name: string;
  app: string;
}

interface Edge {
  src: Wl;
  dst: Wl;
  rps: number;
}

const GATEWAY: Wl = {
  ns: 'istio-system',
  name: 'istio-ingressgateway',
  app: 'istio-ingressgateway',
};

function meshWorkloads(m: MeshSpec): Wl[] {
  const out: Wl[] = [];
  for (let n = 0; n < m.namespaces; n++) {
    for (let j = 0; j < m.perNamespace; j++) {
      out.push({ ns: `${m.prefix}-${n}`, name: `svc-${j}-v1`, app: `svc-${j}` });
    }
  }
  return out;
}

/** Each namespace: gateway → svc-0 → … → svc-9 → next namespace's svc-0. */
function meshEdges(m: MeshSpec): Edge[] {
  const edges: Edge[] = [];
  const wl = (n: number, j: number): Wl => ({
    ns: `${m.prefix}-${n}`,
    name: `svc-${j}-v1`,
    app: `svc-${j}`,
  });
  for (let n = 0; n < m.namespaces; n++) {
    edges.push({ src: GATEWAY, dst: wl(n, 0), rps: 20 });
    for (let j = 0; j + 1 < m.perNamespace; j++)
      edges.push({ src: wl(n, j), dst: wl(n, j + 1), rps: 1 + ((n * 7 + j) % 10) });
    if (m.namespaces > 1)
      edges.push({ src: wl(n, m.perNamespace - 1), dst: wl((n + 1) % m.namespaces, 0), rps: 2 });
  }
  return edges;
}

// ---------------------------------------------------------------- exporter (child process)

function labelText(e: Edge, reporter: string, code: string): string {
  const side = (p: string, w: Wl) =>
    `${p}_workload="${w.name}",${p}_workload_namespace="${w.ns}",${p}_app="${w.app}",${p}_version="v1",` +
    `${p}_canonical_service="${w.app}",${p}_canonical_revision="v1",${p}_principal="spiffe://cluster.local/ns/${w.ns}/sa/${w.app}",${p}_cluster="Kubernetes"`;
  return (
    `reporter="${reporter}",${side('source', e.src)},${side('destination', e.dst)},` +
    `destination_service="${e.dst.app}.${e.dst.ns}.svc.cluster.local",destination_service_name="${e.dst.app}",` +
    `destination_service_namespace="${e.dst.ns}",request_protocol="http",response_flags="-",` +
    `connection_security_policy="${reporter === 'destination' ? 'mutual_tls' : 'unknown'}",` +
    `response_code="${code}",grpc_response_status=""`
  );
}

function runExporter(): void {
  const edges = MESHES.flatMap(meshEdges);
  const start = Date.now() / 1000;
  // Pre-rendered label sets; only the values change per scrape.
  const rows = edges.flatMap((e) =>
    ['source', 'destination'].flatMap((r) => [
      { l: labelText(e, r, '200'), rps: e.rps * 0.99, hist: true },
      { l: labelText(e, r, '503'), rps: e.rps * 0.01, hist: false },
    ]),
  );
  createServer((req, res) => {
    if (req.url === '/ready') return void res.end('ok');
    const t = Date.now() / 1000 - start;
    const out: string[] = ['# TYPE istio_requests_total counter'];
    for (const r of rows) out.push(`istio_requests_total{${r.l}} ${(r.rps * t).toFixed(3)}`);
    out.push('# TYPE istio_request_duration_milliseconds histogram');
    for (const r of rows) {
      if (!r.hist) continue;
      const n = r.rps * t;
      // Latencies spread over the 10–250 ms buckets.
      for (const le of DURATION_BUCKETS) {
        const share =
          le < 10 ? 0 : le < 25 ? 0.3 : le < 50 ? 0.6 : le < 100 ? 0.85 : le < 250 ? 0.97 : 1;
        out.push(
          `istio_request_duration_milliseconds_bucket{${r.l},le="${le}"} ${(n * share).toFixed(3)}`,
        );
      }
      out.push(`istio_request_duration_milliseconds_bucket{${r.l},le="+Inf"} ${n.toFixed(3)}`);
      out.push(`istio_request_duration_milliseconds_sum{${r.l}} ${(n * 40).toFixed(3)}`);
      out.push(`istio_request_duration_milliseconds_count{${r.l}} ${n.toFixed(3)}`);
    }
    out.push('# TYPE istio_request_bytes_sum counter', '# TYPE istio_response_bytes_sum counter');
    for (const r of rows) {
      out.push(`istio_request_bytes_sum{${r.l}} ${(r.rps * t * 500).toFixed(1)}`);
      out.push(`istio_response_bytes_sum{${r.l}} ${(r.rps * t * 5000).toFixed(1)}`);
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(`${out.join('\n')}\n`);
  }).listen(EXPORTER_PORT, '127.0.0.1', () =>
    console.log(`exporter: ${edges.length} edges, ${rows.length} request series`),
  );
}

// ---------------------------------------------------------------- benchmark (parent)

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function main(): Promise<void> {
  // server/ modules import 'server-only', which only resolves under the react-server condition
  // (as inside Next's route handlers); re-run this file under it.
  if (!process.execArgv.some((a) => a.includes('react-server'))) {
    const child = spawn(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', SELF, ...process.argv.slice(2)],
      {
        stdio: 'inherit',
      },
    );
    child.on('exit', (code) => process.exit(code ?? 1));
    return;
  }
  if (process.argv.includes('--exporter')) return runExporter();

  const { startPrometheus } = await import('../demo/prometheus/prometheus');
  const { waitForHttp } = await import('../demo/util/ports');
  const { createPrometheusClient } = await import('../server/prometheus/client');
  const { createGraphService, fetchTelemetry } = await import('../server/graph/get-mesh-graph');
  const { buildMeshGraph } = await import('../server/graph/build-graph');

  const dataDir = '/tmp/meshscope-h4-bench';
  await rm(dataDir, { recursive: true, force: true });
  const exporter = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', SELF, '--exporter'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  let prom: Awaited<ReturnType<typeof startPrometheus>> | undefined;
  try {
    await waitForHttp(`http://127.0.0.1:${EXPORTER_PORT}/ready`, 30_000);
    prom = await startPrometheus({
      port: PROM_PORT,
      dataDir,
      scrapeInterval: '10s',
      targets: [{ job: 'mesh', target: `127.0.0.1:${EXPORTER_PORT}` }],
    });
    const client = createPrometheusClient({ url: prom.url, timeoutMs: 60_000 });
    // Wait for three scrapes so a 60 s rate has points to work with, then stop the exporter: its
    // rendering would compete for the CPU, and graphs are asked for at that fixed time.
    const wait = Date.now();
    for (;;) {
      const r = await client.query('count(count_over_time(istio_requests_total[1m]) >= 3)');
      if ((r[0]?.value ?? 0) > 0) break;
      if (Date.now() - wait > 120_000)
        throw new Error('Prometheus did not scrape the mesh in time');
      await new Promise((res) => setTimeout(res, 1000));
    }
    const queryTime = Math.floor(Date.now() / 1000);
    exporter.kill('SIGTERM');
    const series = await client.query('count({__name__=~"istio_.*"})', queryTime);
    console.log(`Prometheus ${prom.url}: ${series[0]?.value ?? 0} istio series (all three meshes)`);

    const rows: string[][] = [];
    for (const mesh of MESHES) {
      const workloads = meshWorkloads(mesh);
      const namespaces = [...new Set(workloads.map((w) => w.ns))];
      const inventory = async () => ({
        namespaces: new Map<string, Record<string, string>>(
          [...namespaces, 'istio-system'].map((n) => [n, { 'istio-injection': 'enabled' }]),
        ),
        workloads: [...workloads, GATEWAY].map((w) => ({
          namespace: w.ns,
          name: w.name,
          app: w.app,
          version: 'v1',
          desired: 1,
          available: 1,
          hasSidecar: true,
          isGateway: w === GATEWAY,
        })),
        services: workloads.map((w) => ({
          namespace: w.ns,
          name: w.app,
          selector: { app: w.app },
        })),
        virtualServices: [],
        destinationRules: [],
      });
      const query = {
        namespaces,
        graphType: 'versionedApp' as const,
        duration: 60,
        queryTime,
        injectServiceNodes: true,
        includeIdleNodes: false,
        includeIdleEdges: false,
      };
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const cold: number[] = [];
      const cpu: number[] = [];
      const build: number[] = [];
      let queries = 0;
      let size = '';
      let bytes = 0;
      for (let i = 0; i < COLD_RUNS; i++) {
        // A fresh service per run: nothing cached, every run pays the full round of queries.
        const svc = createGraphService({ prometheus: client, inventory });
        const before = client.queryCount;
        const t = performance.now();
        const c = process.cpuUsage();
        const g = await svc.getGraph(query);
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
        bytes = JSON.stringify(g).length;
        cold.push(performance.now() - t);
        queries = client.queryCount - before;
        size = `${g.nodes.length} nodes / ${g.edges.length} edges`;
      }
      // The pure build step alone, on telemetry fetched once.
      const telemetry = await fetchTelemetry(client, query, queryTime);
      const inv = await inventory();
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        buildMeshGraph(telemetry, inv, query, queryTime);
        build.push(performance.now() - t);
      }
      const svc = createGraphService({ prometheus: client, inventory });
      await svc.getGraph(query);
      const warm: number[] = [];
      for (let i = 0; i < 50; i++) {
        const t = performance.now();
        // What the route does on a cache hit: look up the serialised graph.
        await svc.getGraphJson(query);
        warm.push(performance.now() - t);
      }
      loop.disable();
      const f = (v: number) => v.toFixed(1);
      rows.push([
        mesh.name,
        size,
        f(percentile(cold, 50)),
        f(percentile(cold, 95)),
        f(percentile(warm, 50)),
        f(percentile(warm, 95)),
        String(queries),
        f(percentile(cpu, 50)),
        f(percentile(build, 50)),
        f(loop.max / 1e6),
        `${(bytes / 1024).toFixed(0)} KiB`,
      ]);
    }
    const header = [
      'mesh',
      'graph',
      'cold p50 ms',
      'cold p95 ms',
      'warm p50 ms',
      'warm p95 ms',
      'queries/graph',
      'node CPU ms/cold',
      'build ms',
      'max loop delay ms',
      'JSON',
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
    console.log(
      '\nGraph API (versionedApp, service nodes, 60 s window; in-process server function)',
    );
    console.log(line(header));
    for (const r of rows) console.log(line(r));
    console.log(`RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
    // The figures depend on what else the machine runs; say so next to them.
    console.log(
      `Load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} CPUs`,
    );
    console.log('Targets: cold p95 ≤ 500 ms, warm p95 ≤ 50 ms, no event-loop stall over 50 ms.');
  } finally {
    await prom?.close();
    exporter.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}

void main();
