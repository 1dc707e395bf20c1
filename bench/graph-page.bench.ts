/**
 * Graph page benchmark: Debian chromium drives the BUILT console with the graph API intercepted
 * (page.route) to deliver generated meshes, then reports
 *   - time to interactive after the graph response arrives (1,000 nodes / 3,000 edges),
 *   - pan/zoom frame rate on that graph (animation off),
 *   - frame rate and main-thread script time per frame with 500 animated edges.
 * Usage: NEXT_DIST_DIR=.next-h5 npx next build && NEXT_DIST_DIR=.next-h5 npx tsx bench/graph-page.bench.ts
 * (BENCH_PORT, default 22010, is where it runs `next start`). Not a test: it prints figures.
 */
import { type ChildProcess, spawn } from 'node:child_process';

import { chromium, type Page } from '@playwright/test';

import type { GraphEdge, GraphNode, MeshGraph } from '../server/model/graph';

const PORT = Number(process.env.BENCH_PORT ?? 22010);
const BASE = `http://127.0.0.1:${PORT}`;

/** Deterministic PRNG so every run measures the same mesh. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const rates = (total: number) => ({
  total,
  http3xx: 0,
  http4xx: 0,
  http5xx: 0,
  noResponse: 0,
  tcpBytes: 0,
});

/** A layered mesh: `layers` tiers, each node calling a few nodes in deeper tiers. */
export function generateMesh(nodeCount: number, edgeCount: number, seed = 7): MeshGraph {
  const rand = rng(seed);
  const layers = 8;
  const nodes: GraphNode[] = Array.from({ length: nodeCount }, (_, i) => {
    const app = `svc-${Math.floor(i / 3)}`;
    return {
      id: `app:ns-${i % 10}:${app}:v${(i % 3) + 1}`,
      nodeType: 'app',
      namespace: `ns-${i % 10}`,
      app,
      version: `v${(i % 3) + 1}`,
      health: rand() < 0.05 ? 'degraded' : 'healthy',
      isRoot: i < 5,
      inbound: rates(1),
      outbound: rates(1),
      badges: i % 7 === 0 ? ['virtualService'] : [],
    };
  });
  const tier = (i: number) => Math.min(layers - 1, Math.floor((i / nodeCount) * layers));
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  while (edges.length < edgeCount) {
    const s = Math.floor(rand() * nodeCount);
    const t = Math.floor(rand() * nodeCount);
    if (tier(t) <= tier(s)) continue;
    const id = `${nodes[s].id}->${nodes[t].id}:http`;
    if (seen.has(id)) continue;
    seen.add(id);
    const rps = Math.round((0.1 + rand() * 30) * 100) / 100;
    const errorRate = rand() < 0.1 ? rand() * 0.3 : 0;
    edges.push({
      id,
      source: nodes[s].id,
      target: nodes[t].id,
      protocol: rand() < 0.05 ? 'tcp' : 'http',
      rps,
      percentOfSource: 10,
      errorRate,
      responseCodes: { '200': rps },
      responseFlags: {},
      responseTime: { avg: 20 + rand() * 200, p95: 40 + rand() * 400 },
      throughput: rps * 1500,
      mtlsPercent: 100,
      health: errorRate > 0.1 ? 'failure' : errorRate > 0 ? 'degraded' : 'healthy',
    });
  }
  return {
    timestamp: Math.floor(Date.now() / 1000),
    duration: 60,
    graphType: 'versionedApp',
    namespaces: ['ns-0'],
    nodes,
    edges,
  };
}

async function startServer(): Promise<ChildProcess> {
  const child = spawn('npx', ['next', 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
    env: { ...process.env, PROMETHEUS_URL: 'http://127.0.0.1:9', JAEGER_URL: 'http://127.0.0.1:9' },
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 120; i++) {
    try {
      const r = await fetch(`${BASE}/graph`);
      if (r.ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('next start did not come up');
}

async function routeGraph(page: Page, graph: MeshGraph) {
  // tsx (esbuild keepNames) wraps named inner functions of page-side callbacks in `__name(...)`,
  // which does not exist in the browser: give the page an identity version.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  const body = JSON.stringify(graph);
  await page.route('**/api/namespaces/graph?*', (r) =>
    r.fulfill({ contentType: 'application/json', body }),
  );
  await page.route('**/api/namespaces', (r) =>
    r.fulfill({
      contentType: 'application/json',
      body: JSON.stringify([
        {
          name: 'ns-0',
          labels: {},
          sidecarInjection: true,
          health: { healthy: 1, degraded: 0, failure: 0, idle: 0, unknown: 0 },
        },
      ]),
    }),
  );
  await page.route('**/api/status', (r) => r.fulfill({ status: 503, body: '{}' }));
  await page.route('**/api/metrics*', (r) => r.fulfill({ status: 503, body: '{}' }));
}

/** Counts rAF frames for `ms` while `drive` (run each frame) moves the viewport. */
async function measureFrames(page: Page, ms: number, pan: boolean) {
  return page.evaluate(
    ({ ms, pan }) =>
      new Promise<{ fps: number; frames: number; worst: number }>((resolve) => {
        const cy = window.__meshscopeGraph!.cy;
        let frames = 0;
        let worst = 0;
        const t0 = performance.now();
        let last = t0;
        const z0 = cy.zoom();
        const step = (now: number) => {
          frames++;
          worst = Math.max(worst, now - last);
          last = now;
          if (pan) {
            cy.panBy({ x: Math.sin(now / 300) * 6, y: Math.cos(now / 400) * 4 });
            cy.zoom({
              level: z0 * (1 + 0.3 * Math.sin(now / 500)),
              renderedPosition: { x: 500, y: 400 },
            });
          }
          if (now - t0 < ms) requestAnimationFrame(step);
          else resolve({ fps: (frames / (now - t0)) * 1000, frames, worst });
        };
        requestAnimationFrame(step);
      }),
    { ms, pan },
  );
}

async function main() {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const rows: [string, string, string][] = [];
  try {
    // 1. Time to interactive and pan/zoom, 1,000 nodes / 3,000 edges, animation off.
    const big = generateMesh(1000, 3000);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await routeGraph(page, big);
    await page.addInitScript(() => {
      const w = window as unknown as { __tti?: number };
      const poll = () => {
        if ((window.__meshscopeGraph?.cy.nodes().length ?? 0) >= 1000) {
          // The first frame after the nodes are laid out: the page can take input again.
          requestAnimationFrame(() => (w.__tti = performance.now()));
          return;
        }
        requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    });
    await page.goto(`${BASE}/graph?namespaces=ns-0&refresh=0&animation=0&edges=none`);
    await page.waitForFunction(
      () => (window as unknown as { __tti?: number }).__tti !== undefined,
      null,
      { timeout: 180_000 },
    );
    const tti = await page.evaluate(() => {
      const entry = performance
        .getEntriesByType('resource')
        .find((e) => e.name.includes('/api/namespaces/graph')) as
        PerformanceResourceTiming | undefined;
      return (window as unknown as { __tti: number }).__tti - (entry?.responseEnd ?? 0);
    });
    rows.push([
      'time to interactive after data (1000 n / 3000 e)',
      `${tti.toFixed(0)} ms`,
      '≤ 1000 ms',
    ]);
    await page.waitForTimeout(500);
    const pz = await measureFrames(page, 3000, true);
    rows.push([
      'pan/zoom frame rate (1000 n / 3000 e)',
      `${pz.fps.toFixed(1)} fps (worst ${pz.worst.toFixed(0)} ms)`,
      '≥ 55 fps',
    ]);
    await page.close();

    // 2. Animation: 500 animated edges.
    const anim = generateMesh(300, 500, 11);
    const p2 = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await routeGraph(p2, anim);
    await p2.goto(`${BASE}/graph?namespaces=ns-0&refresh=0&animation=1`);
    await p2.waitForFunction(() => (window.__meshscopeGraph?.traffic().edges ?? 0) >= 500, null, {
      timeout: 60_000,
    });
    await p2.waitForTimeout(1500);
    const cdp = await p2.context().newCDPSession(p2);
    await cdp.send('Performance.enable');
    const metric = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
      return { script: get('ScriptDuration'), task: get('TaskDuration') };
    };
    const m0 = await metric();
    const fr = await measureFrames(p2, 4000, false);
    const m1 = await metric();
    const stats = await p2.evaluate(() => window.__meshscopeGraph!.traffic());
    const cost = await p2.evaluate(() => {
      const c = window
        .__meshscopeGraph!.frameCost()
        .slice(-200)
        .sort((a, b) => a - b);
      return { median: c[Math.floor(c.length / 2)] ?? 0, p95: c[Math.floor(c.length * 0.95)] ?? 0 };
    });
    rows.push([
      `animation frame rate (${stats.edges} animated edges, ~${stats.dots} dots)`,
      `${fr.fps.toFixed(1)} fps (worst ${fr.worst.toFixed(0)} ms)`,
      '≥ 58 fps',
    ]);
    rows.push([
      'main-thread script per frame (CDP ScriptDuration)',
      `${(((m1.script - m0.script) * 1000) / fr.frames).toFixed(2)} ms`,
      '≤ 6 ms',
    ]);
    rows.push([
      'main-thread tasks per frame (CDP TaskDuration)',
      `${(((m1.task - m0.task) * 1000) / fr.frames).toFixed(2)} ms`,
      '',
    ]);
    rows.push([
      'animation draw per frame (median / p95)',
      `${cost.median.toFixed(2)} / ${cost.p95.toFixed(2)} ms`,
      '',
    ]);
    await p2.close();
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  }
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(
    `\nGraph page benchmark (chromium ${'/usr/bin/chromium'}, 1440×900, software rendering)`,
  );
  for (const [k, v, target] of rows) console.log(`${k.padEnd(w)}  ${v.padEnd(28)} ${target}`);
}

if (process.argv[1]?.endsWith('graph-page.bench.ts'))
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
