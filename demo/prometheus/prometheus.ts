import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { waitForHttp } from '../util/ports';

const run = promisify(execFile);

export interface ScrapeTarget {
  job: string;
  /** host:port */
  target: string;
  metricsPath?: string;
}

export interface PrometheusOptions {
  port: number;
  dataDir: string;
  targets: ScrapeTarget[];
  /** Scrape interval, e.g. `5s` (demo) or `1s` (tests). */
  scrapeInterval?: string;
  /** Retention, e.g. `2d`. */
  retention?: string;
  /** Prometheus' lookback delta; shorter in tests so stopped series vanish quickly. */
  lookbackDelta?: string;
  log?: (line: string) => void;
}

export interface RunningPrometheus {
  url: string;
  port: number;
  process: ChildProcess;
  close(): Promise<void>;
}

/** The scrape config Meshscope's demo uses: one job per target, honouring exported labels. */
export function prometheusConfig(
  opts: Pick<PrometheusOptions, 'targets' | 'scrapeInterval'>,
): string {
  const interval = opts.scrapeInterval ?? '5s';
  const jobs = opts.targets
    .map(
      (t) => `  - job_name: ${JSON.stringify(t.job)}
    honor_labels: true
    metrics_path: ${JSON.stringify(t.metricsPath ?? '/metrics')}
    static_configs:
      - targets: [${JSON.stringify(t.target)}]`,
    )
    .join('\n');
  return `global:
  scrape_interval: ${interval}
  evaluation_interval: ${interval}
scrape_configs:
${jobs || '  []'}
`;
}

/** Starts Debian's `prometheus` with a generated config; resolves once it is ready. */
export async function startPrometheus(opts: PrometheusOptions): Promise<RunningPrometheus> {
  await mkdir(opts.dataDir, { recursive: true });
  const configFile = join(opts.dataDir, 'prometheus.yml');
  await writeFile(configFile, prometheusConfig(opts));
  const args = [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${join(opts.dataDir, 'data')}`,
    `--storage.tsdb.retention.time=${opts.retention ?? '2d'}`,
    `--web.listen-address=127.0.0.1:${opts.port}`,
    '--web.enable-lifecycle',
    '--web.enable-admin-api',
    `--query.lookback-delta=${opts.lookbackDelta ?? '5m'}`,
    '--log.level=warn',
  ];
  // A launcher killed with SIGKILL cannot stop its Prometheus; the next start on the same data
  // dir would then fail on the TSDB lock, so stop such an orphan first.
  const pidFile = join(opts.dataDir, 'prometheus.pid');
  await stopOrphan(pidFile);
  const child = spawn('prometheus', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid) await writeFile(pidFile, String(child.pid));
  child.once('exit', () => void unlink(pidFile).catch(() => undefined));
  const log = opts.log ?? (() => undefined);
  child.stdout?.on('data', (d: Buffer) => log(d.toString()));
  child.stderr?.on('data', (d: Buffer) => log(d.toString()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`prometheus exited with code ${code} before it was ready`)),
    ),
  );
  const url = `http://127.0.0.1:${opts.port}`;
  await Promise.race([waitForHttp(`${url}/-/ready`, 30_000), exited]);
  return {
    url,
    port: opts.port,
    process: child,
    close: () => stopChild(child),
  };
}

/**
 * Writes OpenMetrics text into TSDB blocks under `dataDir/data` with promtool, so a Prometheus
 * started on that dir serves deterministic history (integration tests of the graph API).
 */
export async function backfillOpenMetrics(dataDir: string, openMetrics: string): Promise<void> {
  const dataPath = join(dataDir, 'data');
  await mkdir(dataPath, { recursive: true });
  const input = join(dataDir, 'backfill.om');
  await writeFile(
    input,
    openMetrics.endsWith('# EOF\n') ? openMetrics : `${openMetrics.trimEnd()}\n# EOF\n`,
  );
  await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', input, dataPath], {
    maxBuffer: 64 * 1024 * 1024,
  });
}

async function stopOrphan(pidFile: string): Promise<void> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!pid) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.startsWith('prometheus')) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
