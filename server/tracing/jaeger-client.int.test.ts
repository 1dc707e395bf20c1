import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  generateBookinfoTrace,
  generateLargeTrace,
  type RunningTraceStore,
  startTraceStore,
} from '@/demo/traces';
import { freePort } from '@/demo/util/ports';
import { ROW_FLAG } from '@/server/model/trace';

import { createJaegerClient, type JaegerSearch } from './jaeger-client';
import { buildTraceView } from './trace-view';
import { findSpans, getSpanDetail, getTracePath, getTraceView, searchTraces } from './traces';

let store: RunningTraceStore;
let classicOnly: Server;
let classicUrl: string;
let silent: Server;
let silentUrl: string;
const nowUs = Date.now() * 1_000;
const bookinfo = Array.from({ length: 12 }, (_, i) =>
  generateBookinfoTrace({ startUs: nowUs - (i + 1) * 5_000_000, seed: i + 1, errors: i % 4 === 0 }),
);
const large = generateLargeTrace({ spans: 5_000, seed: 7 });

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

beforeAll(async () => {
  store = await startTraceStore({ port: 0 });
  for (const t of bookinfo) store.sink.addSpans(t);
  store.sink.addSpans(large.map((s) => ({ ...s, startTimeUs: s.startTimeUs })));
  // An older Jaeger: no api_v3 routes (Go's text 404), classic API proxied to the demo store.
  classicOnly = createServer((req, res) => {
    if (req.url?.startsWith('/api/v3/')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
      return;
    }
    const up = request(`${store.url}${req.url}`, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.end();
  });
  classicUrl = await listen(classicOnly);
  // Accepts connections and never answers.
  silent = createServer(() => {});
  silentUrl = await listen(silent);
});

afterAll(async () => {
  await store?.close();
  classicOnly?.closeAllConnections();
  classicOnly?.close();
  silent?.closeAllConnections();
  silent?.close();
});

const search = (over: Partial<JaegerSearch> = {}): JaegerSearch => ({
  service: 'productpage.bookinfo',
  tags: {},
  startUs: nowUs - 3_600_000_000,
  endUs: nowUs + 60_000_000,
  limit: 50,
  ...over,
});

describe('Jaeger client against the demo trace API', () => {
  it('lists services and operations', async () => {
    const c = createJaegerClient({ baseUrl: store.url, timeoutMs: 5_000 });
    const services = await c.services();
    expect(services).toEqual(expect.arrayContaining(['productpage.bookinfo', 'reviews.bookinfo']));
    expect(services).toEqual([...services].sort());
    expect(await c.operations('reviews.bookinfo')).toContain(
      'reviews.bookinfo.svc.cluster.local:9080/*',
    );
  });

  it('searches with api_v3 trace-summaries when offered', async () => {
    const c = createJaegerClient({ baseUrl: store.url, timeoutMs: 5_000 });
    const r = await c.searchTraces(search());
    expect(r.api).toBe('api_v3');
    expect(r.traces).toHaveLength(12);
    expect(r.traces[0].startUs).toBeGreaterThan(r.traces[11].startUs);
    expect(r.traces[0].rootService).toBe('istio-ingressgateway.istio-system');
    expect(r.traces.filter((t) => t.errorCount > 0)).toHaveLength(3);
  });

  it('falls back to classic /api/traces, with the same results', async () => {
    const v3 = await createJaegerClient({ baseUrl: store.url, timeoutMs: 5_000 }).searchTraces(
      search({ tags: { error: 'true' } }),
    );
    const c = createJaegerClient({ baseUrl: classicUrl, timeoutMs: 5_000 });
    const r = await c.searchTraces(search({ tags: { error: 'true' } }));
    expect(r.api).toBe('classic');
    expect(r.traces.map((t) => t.traceId)).toEqual(v3.traces.map((t) => t.traceId));
    expect(r.traces.map((t) => t.spanCount)).toEqual(v3.traces.map((t) => t.spanCount));
    expect(r.traces.map((t) => t.errorCount)).toEqual(v3.traces.map((t) => t.errorCount));
    // Classic Jaeger cannot search without a service.
    await expect(c.searchTraces(search({ service: undefined }))).rejects.toThrow(
      /Choose a service/,
    );
    expect(await c.services()).toContain('ratings.bookinfo');
  });

  it('returns an empty list when api_v3 finds nothing (its 404)', async () => {
    const c = createJaegerClient({ baseUrl: store.url, timeoutMs: 5_000 });
    const r = await c.searchTraces(search({ minDuration: '1h' }));
    expect(r).toEqual({ traces: [], api: 'api_v3' });
  });

  it('passes Jaeger’s own 400 message through', async () => {
    const c = createJaegerClient({ baseUrl: store.url, timeoutMs: 5_000 });
    await expect(c.searchTraces(search({ minDuration: '1000' }))).rejects.toMatchObject({
      code: 'bad_request',
      extra: { upstream: 'jaeger' },
    });
  });

  it('fetches a trace and builds the Bookinfo waterfall', async () => {
    const c = createJaegerClient({ baseUrl: store.url, timeoutMs: 5_000 });
    const id = bookinfo[1][0].traceId;
    const { view } = buildTraceView(await c.getTrace(id));
    expect(view.spanCount).toBe(bookinfo[1].length);
    const names = view.rows.service.map((s) => view.services[s]);
    expect(names[0]).toBe('istio-ingressgateway.istio-system');
    expect(names[1]).toBe('productpage.bookinfo');
    expect(names).toContain('reviews.bookinfo');
    expect(view.rows.flags[0] & ROW_FLAG.client).toBeTruthy();
    expect(view.services[view.rows.peer[0]]).toBe('productpage.bookinfo');
  });

  it('builds a 5,000-span trace', async () => {
    const c = createJaegerClient({ baseUrl: store.url, timeoutMs: 10_000 });
    const { view } = buildTraceView(await c.getTrace(large[0].traceId));
    expect(view.spanCount).toBe(5_000);
    expect(view.rows.end[0]).toBe(5_000);
    expect(view.criticalPath.length).toBeGreaterThan(0);
  });

  it('says a missing trace is not found', async () => {
    const c = createJaegerClient({ baseUrl: store.url, timeoutMs: 5_000 });
    await expect(c.getTrace('0123456789abcdef0123456789abcdef')).rejects.toMatchObject({
      code: 'not_found',
      message: 'Trace 0123456789abcdef0123456789abcdef was not found in Jaeger.',
    });
  });

  it('says Jaeger is unreachable when nothing listens', async () => {
    const port = await freePort();
    const c = createJaegerClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 5_000 });
    await expect(c.services()).rejects.toMatchObject({
      code: 'upstream_unavailable',
      message: `Jaeger is unreachable at http://127.0.0.1:${port} (ECONNREFUSED).`,
      extra: { upstream: 'jaeger' },
    });
  });

  it('times out on a Jaeger that never answers', async () => {
    const c = createJaegerClient({ baseUrl: silentUrl, timeoutMs: 300, traceTimeoutMs: 300 });
    const t0 = Date.now();
    await expect(c.getTrace('abc')).rejects.toMatchObject({
      code: 'upstream_unavailable',
      message: `Jaeger at ${silentUrl} did not answer within 0.3 s.`,
    });
    expect(Date.now() - t0).toBeLessThan(3_000);
  });
});

describe('trace services (JAEGER_URL)', () => {
  beforeAll(() => {
    process.env.JAEGER_URL = store.url;
  });

  it('serves search, view, span detail, in-trace search and the graph path', async () => {
    const found = await searchTraces({ service: 'reviews.bookinfo', lookback: '1h', limit: 5 });
    expect(found.traces).toHaveLength(5);
    const withRatings = bookinfo.find((t) => t.some((s) => s.serviceName === 'ratings.bookinfo'))!;
    const id = withRatings[0].traceId;
    const view = await getTraceView(id);
    const ratingsRow = view.rows.service.findIndex((s) => view.services[s] === 'ratings.bookinfo');
    const detail = await getSpanDetail(id, view.rows.spanId[ratingsRow]);
    expect(detail.tags).toContainEqual({
      key: 'istio.canonical_service',
      value: 'ratings',
      type: 'string',
    });
    expect((await findSpans(id, 'ratings.bookinfo')).rows).toContain(ratingsRow);
    const path = await getTracePath(id);
    expect(path.hops.map((h) => `${h.source.app}>${h.target.app}`)).toEqual(
      expect.arrayContaining([
        'istio-ingressgateway>productpage',
        'productpage>reviews',
        'reviews>ratings',
      ]),
    );
    await expect(getSpanDetail(id, 'ffffffffffffffff')).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
