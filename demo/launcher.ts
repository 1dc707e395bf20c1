/**
 * `npm run demo`: the embedded demo stack and the console, wired together.
 *
 *   demo cluster (Kubernetes API) ──watch──▶ demo mesh (workloads) ──spans──▶ trace store
 *                                                  │ /metrics
 *                                            Prometheus (Debian's, scraping)
 *   console (next start) ◀── KUBECONFIG, PROMETHEUS_URL, JAEGER_URL
 *
 * Every port can be overridden by env; Ctrl-C / SIGTERM stops every child; a second launcher on
 * the same state dir fails fast.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { startCluster } from './cluster/index';
import { applyManifests } from './launcher-apply';
import { generateLargeMesh, startMesh } from './mesh/index';
import { startPrometheus, stopChild } from './prometheus/prometheus';
import { startTraceStore } from './traces/index';
import { portInUse, waitForHttp } from './util/ports';

const { values: args } = parseArgs({
  options: {
    mesh: { type: 'string', default: 'bookinfo' },
    workloads: { type: 'string', default: '1000' },
    namespaces: { type: 'string', default: '100' },
    rps: { type: 'string' },
    'no-console': { type: 'boolean', default: false },
    reset: { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

const env = process.env;
const HOST = '127.0.0.1';
const ports = {
  console: Number(env.MESHSCOPE_PORT ?? 20001),
  cluster: Number(env.DEMO_CLUSTER_PORT ?? 6443),
  prometheus: Number(env.PROMETHEUS_PORT ?? 9090),
  jaeger: Number(env.JAEGER_PORT ?? 16686),
  mesh: Number(env.DEMO_MESH_PORT ?? 15090),
};
const stateDir = resolve(env.DEMO_DIR ?? '.demo');
const scrapeInterval = env.DEMO_SCRAPE_INTERVAL ?? '5s';
const rps = Number(args.rps ?? env.DEMO_RPS ?? 10);

const stops: (() => Promise<unknown>)[] = [];
let stopping = false;

function log(msg: string) {
  process.stdout.write(`[demo] ${msg}\n`);
}

async function main() {
  await mkdir(stateDir, { recursive: true });
  await takeLock();
  if (args.reset) await rm(join(stateDir, 'cluster'), { recursive: true, force: true });

  const wanted = Object.entries(ports).filter(([k]) => k !== 'console' || !args['no-console']);
  for (const [name, port] of wanted) {
    if (await portInUse(port)) {
      throw new Error(
        `port ${port} (${name}) is already in use. Stop what uses it, or choose another port, e.g. ` +
          `${portEnvName(name)}=${port + 1} npm run demo`,
      );
    }
  }

  const cluster = await startCluster({
    port: ports.cluster,
    host: HOST,
    dataDir: join(stateDir, 'cluster'),
  });
  stops.push(() => cluster.close());
  const kubeconfig = join(stateDir, 'kubeconfig');
  const { writeKubeconfig } = await import('./cluster/index');
  await writeKubeconfig(kubeconfig, cluster.url);
  log(`demo cluster   ${cluster.url}   (kubectl --kubeconfig ${kubeconfig} get pods -A)`);

  if (args.mesh === 'large') {
    const yaml = generateLargeMesh({
      workloads: Number(args.workloads),
      namespaces: Number(args.namespaces),
    });
    const n = await applyManifests(kubeconfig, yaml);
    log(
      `large mesh     ${n} objects applied (${args.workloads} workloads in ${args.namespaces} namespaces)`,
    );
  } else if (args.mesh !== 'bookinfo') {
    throw new Error(`--mesh must be "bookinfo" or "large" (got "${args.mesh}")`);
  }

  const traces = await startTraceStore({ port: ports.jaeger, host: HOST });
  stops.push(() => traces.close());
  log(`trace API      ${traces.url}/api/traces (Jaeger query API)`);

  const mesh = await startMesh({
    kubeconfig,
    metricsPort: ports.mesh,
    host: HOST,
    rps,
    traceSink: traces.sink,
    // A 1,000-workload mesh is carried without a socket per replica (see demo/mesh/README.md).
    inProcess: args.mesh === 'large',
    log: (m) => log(m),
  });
  stops.push(() => mesh.close());
  log(
    `mesh metrics   ${mesh.metricsUrl}/metrics   (load: ${rps} rps; change with PUT ${mesh.metricsUrl}/load)`,
  );

  const prom = await startPrometheus({
    port: ports.prometheus,
    dataDir: join(stateDir, 'prometheus'),
    targets: [{ job: 'istio-mesh', target: mesh.metricsTarget }],
    scrapeInterval,
    log: (m) => process.stderr.write(`[prometheus] ${m}`),
  });
  stops.push(() => prom.close());
  log(`Prometheus     ${prom.url}   (scrape every ${scrapeInterval})`);

  if (!args['no-console']) {
    const consoleUrl = `http://${HOST}:${ports.console}`;
    const child = startConsole(kubeconfig, prom.url, traces.url);
    stops.push(() => stopChild(child));
    await Promise.race([
      waitForHttp(`${consoleUrl}/api/status`, 60_000),
      new Promise<never>((_, reject) =>
        child.once('exit', (code) => reject(new Error(`the console exited with code ${code}`))),
      ),
    ]);
    log(`console        ${consoleUrl}   ← open this`);
  }
  log('ready. Ctrl-C stops everything.');
}

function startConsole(kubeconfig: string, prometheusUrl: string, jaegerUrl: string): ChildProcess {
  const nextBin = resolve('node_modules/next/dist/bin/next');
  const child = spawn(
    process.execPath,
    [nextBin, 'start', '-p', String(ports.console), '-H', HOST],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...env,
        KUBECONFIG: kubeconfig,
        PROMETHEUS_URL: prometheusUrl,
        JAEGER_URL: jaegerUrl,
        MESHSCOPE_DATA_DIR: join(stateDir, 'console'),
        NODE_ENV: 'production',
      },
    },
  );
  child.once('exit', (code, signal) => {
    if (!stopping) {
      log(`the console exited (${signal ?? code}); stopping the demo`);
      void shutdown(1);
    }
  });
  return child;
}

/** One demo per state dir: a live pid in the lock file means another launcher owns it. */
async function takeLock() {
  const lock = join(stateDir, 'demo.pid');
  const prev = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
  if (prev && prev !== process.pid && isAlive(prev)) {
    throw new Error(
      `another Meshscope demo is already running (pid ${prev}, state in ${stateDir}). ` +
        `Stop it with Ctrl-C in its terminal or \`kill ${prev}\`, or set DEMO_DIR to run a second one.`,
    );
  }
  await writeFile(lock, String(process.pid));
  stops.unshift(() => unlink(lock).catch(() => undefined));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portEnvName(name: string): string {
  return (
    {
      console: 'MESHSCOPE_PORT',
      cluster: 'DEMO_CLUSTER_PORT',
      prometheus: 'PROMETHEUS_PORT',
      jaeger: 'JAEGER_PORT',
      mesh: 'DEMO_MESH_PORT',
    } as Record<string, string>
  )[name];
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  for (const stop of stops.reverse()) {
    await stop().catch((err: unknown) => log(`while stopping: ${(err as Error).message}`));
  }
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (err: unknown) => {
  process.stderr.write(`\n[demo] cannot start: ${(err as Error).message}\n`);
  await shutdown(1);
});
