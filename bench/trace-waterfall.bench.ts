/**
 * The trace waterfall at 50,000 spans, in Debian's chromium. The trace is generated
 * (`generateLargeTrace`) into the demo trace store started in-process, and served by the BUILT
 * console (`next start`, NEXT_DIST_DIR or .next) through the real path: Jaeger client → tree,
 * rows and critical path on the server → `/api/traces/{id}` → the page. Figures:
 * - first rows after the data arrives (responseEnd of `/api/traces/{id}` → first row in the DOM),
 *   target ≤ 1 s;
 * - scrolling fps while scrolling ~3,000 px/s for 3 s, target ≥ 55;
 * - mounted rows vs rows that fit the viewport, target ≤ visible + 200;
 * - collapse-all / expand-all time.
 *
 *   npx tsx bench/trace-waterfall.bench.ts      [BENCH_SPANS=50000] [BENCH_PORT=24010]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

import { chromium } from '@playwright/test';

import { generateLargeTrace, startTraceStore } from '../demo/traces/index';
import { freePort, waitForHttp } from '../demo/util/ports';

const SPANS = Number(process.env.BENCH_SPANS ?? 50_000);
const ROW_HEIGHT = 24;

declare global {
  interface Window {
    __firstRowAt?: number;
  }
}

async function main() {
  const store = await startTraceStore({ port: 0, maxSpans: SPANS * 2 });
  const t0 = performance.now();
  const spans = generateLargeTrace({ spans: SPANS, seed: 42 });
  store.sink.addSpans(spans);
  const genMs = performance.now() - t0;
  const traceId = spans[0].traceId;

  const port = Number(process.env.BENCH_PORT ?? (await freePort()));
  const console_: ChildProcess = spawn(
    process.execPath,
    [resolve('node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      env: {
        ...process.env,
        JAEGER_URL: store.url,
        // Fetching 50,000 spans (~90 MB of Jaeger JSON) takes longer than a search.
        MESHSCOPE_UPSTREAM_TIMEOUT_MS: '60000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
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
  try {
    await waitForHttp(`${base}/traces`, 60_000);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // tsx (esbuild keepNames) wraps named functions in `__name(...)`; the page lacks it.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.addInitScript(() => {
      const mo = new MutationObserver(() => {
        if (document.querySelector('[role="treeitem"]')) {
          window.__firstRowAt = performance.now();
          mo.disconnect();
        }
      });
      mo.observe(document, { childList: true, subtree: true });
    });
    const w0 = performance.now();
    await page.goto(`${base}/traces/${traceId}`);
    await page.locator('[role="treeitem"]').first().waitFor({ timeout: 240_000 });
    const wallMs = performance.now() - w0;

    const load = await page.evaluate((id) => {
      const entry = performance
        .getEntriesByType('resource')
        .find((e) => e.name.endsWith(`/api/traces/${id}`)) as PerformanceResourceTiming;
      return {
        requestMs: entry.responseStart - entry.requestStart,
        downloadMs: entry.responseEnd - entry.responseStart,
        bytes: entry.encodedBodySize,
        decodedBytes: entry.decodedBodySize,
        firstRowAfterDataMs: (window.__firstRowAt ?? NaN) - entry.responseEnd,
      };
    }, traceId);

    // The machine's own frame rate with nothing to do: context for the scrolling figure on a
    // shared, loaded host.
    const idleFps = await page.evaluate(async () => {
      let frames = 0;
      const start = performance.now();
      await new Promise<void>((done) => {
        const tick = () => {
          frames++;
          if (performance.now() - start < 1_500) requestAnimationFrame(tick);
          else done();
        };
        requestAnimationFrame(tick);
      });
      return (frames / (performance.now() - start)) * 1_000;
    });
    const load1 = (await import('node:os')).loadavg()[0];

    const scroller = page.getByTestId('waterfall-scroller');
    // Renderer main-thread busy time (CDP Performance.TaskDuration) during the scroll: on a
    // CPU-starved host wall-clock fps understates the page; busy ms per frame says what it costs.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskSeconds = async () =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')
        ?.value ?? NaN;
    const busy0 = await taskSeconds();
    const scroll = await scroller.evaluate(async (el, rowH) => {
      const visible = Math.ceil(el.clientHeight / rowH);
      const frames: number[] = [];
      let maxMounted = 0;
      const start = performance.now();
      await new Promise<void>((done) => {
        const step = (t: number) => {
          frames.push(t);
          el.scrollTop += 50;
          maxMounted = Math.max(maxMounted, el.querySelectorAll('[role="treeitem"]').length);
          if (t - start < 3_000) requestAnimationFrame(step);
          else done();
        };
        requestAnimationFrame(step);
      });
      const gaps = frames
        .slice(1)
        .map((t, i) => t - frames[i])
        .sort((a, b) => a - b);
      const elapsed = frames[frames.length - 1] - frames[0];
      return {
        visible,
        maxMounted,
        frames: frames.length - 1,
        fps: ((frames.length - 1) / elapsed) * 1_000,
        p95FrameMs: gaps[Math.floor(gaps.length * 0.95)],
        maxFrameMs: gaps[gaps.length - 1],
        scrolledPx: el.scrollTop,
      };
    }, ROW_HEIGHT);

    const busyPerFrameMs = (((await taskSeconds()) - busy0) * 1_000) / Math.max(1, scroll.frames);

    // Jump to the middle and to the end: rows must be there on the next frame.
    const jump = await scroller.evaluate(async (el) => {
      const t = performance.now();
      el.scrollTop = el.scrollHeight / 2;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - t;
    });

    const timeKey = async (key: string, predicate: string) => {
      const t = performance.now();
      await page.keyboard.press(key);
      await page.waitForFunction(predicate, undefined, { polling: 'raf', timeout: 30_000 });
      return performance.now() - t;
    };
    await page.locator('body').click({ position: { x: 2, y: 60 } });
    const collapseMs = await timeKey(
      ']',
      'document.querySelectorAll(\'[role="treeitem"]\').length === 1',
    );
    const expandMs = await timeKey(
      '[',
      'document.querySelectorAll(\'[role="treeitem"]\').length > 30',
    );

    const f = (x: number, d = 0) => x.toFixed(d);
    const rows: [string, string, string, string][] = [
      ['spans in trace', String(SPANS), '', ''],
      ['generate + store (in-process)', `${f(genMs)} ms`, '', ''],
      ['page open → first row (wall)', `${f(wallMs)} ms`, '', ''],
      ['  /api/traces/{id} server time', `${f(load.requestMs)} ms`, '', 'Jaeger fetch + tree'],
      [
        '  /api/traces/{id} payload',
        `${f(load.bytes / 1e6, 2)} MB`,
        '',
        `${f(load.decodedBytes / 1e6, 2)} MB decoded`,
      ],
      [
        'first rows after data arrives',
        `${f(load.firstRowAfterDataMs)} ms`,
        '≤ 1000 ms',
        verdict(load.firstRowAfterDataMs <= 1_000),
      ],
      ['idle frame rate (no work)', `${f(idleFps, 1)} fps`, '', `host load ${f(load1, 1)}`],
      ['scrolling', `${f(scroll.fps, 1)} fps`, '≥ 55 fps', verdict(scroll.fps >= 55)],
      [
        '  main-thread busy per frame',
        `${f(busyPerFrameMs, 1)} ms`,
        '≤ 16.7 ms',
        verdict(busyPerFrameMs <= 16.7),
      ],
      ['  p95 / max frame', `${f(scroll.p95FrameMs, 1)} / ${f(scroll.maxFrameMs, 1)} ms`, '', ''],
      [
        'mounted rows (max while scrolling)',
        String(scroll.maxMounted),
        `≤ ${scroll.visible} + 200`,
        verdict(scroll.maxMounted <= scroll.visible + 200),
      ],
      ['jump to middle, 2 frames', `${f(jump, 1)} ms`, '', ''],
      ['collapse all (])', `${f(collapseMs)} ms`, '', ''],
      ['expand all ([)', `${f(expandMs)} ms`, '', ''],
    ];
    console.log(
      `\ntrace waterfall, ${SPANS.toLocaleString('en-US')} spans, chromium ${browser.version()}`,
    );
    for (const [a, b, c, d] of rows) {
      console.log(`${a.padEnd(36)} ${b.padStart(16)}  ${c.padEnd(14)} ${d}`);
    }
  } finally {
    await browser.close();
    console_.kill('SIGTERM');
    await store.close();
  }
}

function verdict(ok: boolean): string {
  return ok ? 'ok' : 'MISSED';
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
