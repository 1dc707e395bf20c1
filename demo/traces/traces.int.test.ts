import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ClassicEnvelope, ClassicSpan, ClassicTrace } from './classic-json';
import { generateBookinfoTrace, generateLargeTrace } from './generate';
import { type RunningTraceStore, startTraceStore } from './index';
import type { OtlpResourceSpans, TraceSummary } from './otlp-json';
import type { DemoSpan } from './span';

/**
 * The demo trace store over real HTTP on an ephemeral loopback port: traces go in through the
 * sink, as the mesh sends them, and come out of Jaeger's query API.
 */

let store: RunningTraceStore;
/** 40 Bookinfo requests, one per second over the last 40 s; every 5th has a failing details. */
const traces: DemoSpan[][] = [];
const NOW_US = Date.now() * 1000;

async function get(path: string) {
  const res = await fetch(store.url + path);
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    text,
    json: () => JSON.parse(text),
  };
}

async function classic<T>(path: string): Promise<ClassicEnvelope<T>> {
  const r = await get(path);
  expect(r.status, `${path}: ${r.text}`).toBe(200);
  expect(r.type).toBe('application/json');
  return r.json();
}

const traceIds = (env: ClassicEnvelope<ClassicTrace[]>) => env.data.map((t) => t.traceID).sort();
/** What a search should return, computed straight from the generated spans. */
const expected = (pred: (s: DemoSpan) => boolean, limit = 100) =>
  traces
    .filter((t) => t.some(pred))
    .sort((a, b) => b[0].startTimeUs - a[0].startTimeUs)
    .slice(0, limit)
    .map((t) => t[0].traceId)
    .sort();

beforeAll(async () => {
  store = await startTraceStore({ port: 0 });
  for (let i = 0; i < 40; i++) {
    const t = generateBookinfoTrace({
      startUs: NOW_US - (40 - i) * 1_000_000,
      seed: 1000 + i,
      errors: i % 5 === 0,
    });
    traces.push(t);
    // Envoys report spans as they finish: children before parents, in small batches.
    store.sink.addSpans([...t].reverse().slice(0, 3));
    store.sink.addSpans([...t].reverse().slice(3));
  }
});

afterAll(async () => {
  await store?.close();
});

describe('complete traces', () => {
  it('returns ingressgateway → productpage → details/reviews → ratings with CHILD_OF references and nested timings', async () => {
    const withRatings = traces.find((t) => t.some((s) => s.serviceName === 'ratings.bookinfo'))!;
    const env = await classic<ClassicTrace[]>(`/api/traces/${withRatings[0].traceId}`);
    expect(env.errors).toBeNull();
    const [trace] = env.data;
    expect(trace.spans).toHaveLength(withRatings.length);
    const byId = new Map(trace.spans.map((s) => [s.spanID, s]));
    const service = (s: ClassicSpan) => trace.processes[s.processID].serviceName;
    const parent = (s: ClassicSpan) => {
      const ref = s.references.find((r) => r.refType === 'CHILD_OF' && r.traceID === trace.traceID);
      return ref ? byId.get(ref.spanID) : undefined;
    };
    for (const s of trace.spans) {
      const p = parent(s);
      if (!p) continue;
      expect(s.startTime).toBeGreaterThanOrEqual(p.startTime);
      expect(s.startTime + s.duration).toBeLessThanOrEqual(p.startTime + p.duration);
    }
    const kind = (s: ClassicSpan) => s.tags.find((t) => t.key === 'span.kind')?.value;
    const ratingsServer = trace.spans.find((s) => service(s) === 'ratings.bookinfo')!;
    const chain: string[] = [];
    for (let s: ClassicSpan | undefined = ratingsServer; s; s = parent(s)) {
      chain.push(`${service(s)}/${kind(s)}`);
    }
    expect(chain).toEqual([
      'ratings.bookinfo/server',
      'reviews.bookinfo/client',
      'reviews.bookinfo/server',
      'productpage.bookinfo/client',
      'productpage.bookinfo/server',
      'istio-ingressgateway.istio-system/client',
    ]);
    const detailsServer = trace.spans.find((s) => service(s) === 'details.bookinfo')!;
    expect(service(parent(parent(detailsServer)!)!)).toBe('productpage.bookinfo');
  });

  it('serves the same trace as OTLP with parent IDs', async () => {
    const t = traces[3];
    const r = await get(`/api/v3/traces/${t[0].traceId}`);
    expect(r.status).toBe(200);
    const rs: OtlpResourceSpans[] = r.json().result.resourceSpans;
    const spans = rs.flatMap((x) => x.scopeSpans.flatMap((s) => s.spans));
    expect(spans).toHaveLength(t.length);
    const ids = new Set(spans.map((s) => s.spanId));
    expect(spans.filter((s) => s.parentSpanId && ids.has(s.parentSpanId))).toHaveLength(
      t.length - 1,
    );
    expect(rs.map((x) => x.resource.attributes[0].value.stringValue)).toContain(
      'productpage.bookinfo',
    );
  });

  it('sorts tags unless raw=true, on get-by-ID and on search', async () => {
    // A failing details span: Envoy appends `error`, so its tags arrive out of key order.
    const t = traces[5];
    const failing = t.find((s) => s.tags.error === 'true')!;
    const keys = (env: ClassicEnvelope<ClassicTrace[]>) =>
      env.data[0].spans.find((s) => s.spanID === failing.spanId)!.tags.map((x) => x.key);
    const sorted = keys(await classic<ClassicTrace[]>(`/api/traces/${t[0].traceId}`));
    expect(sorted).toEqual(Object.keys(failing.tags).sort());
    const raw = keys(await classic<ClassicTrace[]>(`/api/traces/${t[0].traceId}?raw=true`));
    expect(raw).toEqual(Object.keys(failing.tags));
    expect(raw).not.toEqual(sorted);
    const searched = await classic<ClassicTrace[]>(`/api/traces?traceID=${t[0].traceId}&raw=true`);
    expect(keys(searched)).toEqual(raw);
  });

  it('answers 404 in each API’s envelope for unknown traces', async () => {
    const c = await get('/api/traces/0123456789abcdef0123456789abcdef');
    expect(c.status).toBe(404);
    expect(c.type).toBe('text/plain; charset=utf-8');
    expect(c.json()).toEqual({
      data: null,
      total: 0,
      limit: 0,
      offset: 0,
      errors: [{ code: 404, msg: 'trace not found' }],
    });
    const v3 = await get('/api/v3/traces/0123456789abcdef0123456789abcdef');
    expect(v3.status).toBe(404);
    expect(v3.json()).toEqual({ error: { httpCode: 404, message: 'No traces found' } });
    const bad = await get('/api/traces/not-a-trace-id');
    expect(bad.status).toBe(400);
    expect(bad.json().errors[0].msg).toBe(
      'strconv.ParseUint: parsing "not-a-trace-id": invalid syntax',
    );
  });
});

describe('classic search', () => {
  it('honours service and operation', async () => {
    const ratings = await classic<ClassicTrace[]>('/api/traces?service=ratings.bookinfo');
    expect(traceIds(ratings)).toEqual(expected((s) => s.serviceName === 'ratings.bookinfo'));
    expect(ratings.data.length).toBeGreaterThan(0);
    expect(ratings.data.length).toBeLessThan(40);
    const op = 'ratings.bookinfo.svc.cluster.local:9080/*';
    const viaReviews = await classic<ClassicTrace[]>(
      `/api/traces?service=reviews.bookinfo&operation=${encodeURIComponent(op)}`,
    );
    expect(traceIds(viaReviews)).toEqual(
      expected((s) => s.serviceName === 'reviews.bookinfo' && s.operationName === op),
    );
    const none = await classic<ClassicTrace[]>(
      `/api/traces?service=details.bookinfo&operation=${encodeURIComponent(op)}`,
    );
    expect(none.data).toEqual([]);
  });

  it('honours tags as a JSON map and as repeated tag=k:v', async () => {
    const isErr = (s: DemoSpan) => s.serviceName === 'details.bookinfo' && s.tags.error === 'true';
    const json = await classic<ClassicTrace[]>(
      `/api/traces?service=details.bookinfo&tags=${encodeURIComponent('{"error":"true","http.status_code":"500"}')}`,
    );
    expect(traceIds(json)).toEqual(expected(isErr));
    expect(json.data).toHaveLength(8);
    const tag = await classic<ClassicTrace[]>(
      '/api/traces?service=details.bookinfo&tag=error:true&tag=http.status_code:500',
    );
    expect(traceIds(tag)).toEqual(traceIds(json));
    const rev = await classic<ClassicTrace[]>(
      '/api/traces?service=reviews.bookinfo&tag=istio.canonical_revision:v3',
    );
    expect(traceIds(rev)).toEqual(
      expected(
        (s) => s.serviceName === 'reviews.bookinfo' && s.tags['istio.canonical_revision'] === 'v3',
      ),
    );
  });

  it('honours start, end and limit (newest first)', async () => {
    const start = traces[10][0].startTimeUs;
    const end = traces[19][0].startTimeUs;
    const windowed = await classic<ClassicTrace[]>(
      `/api/traces?service=istio-ingressgateway.istio-system&start=${start}&end=${end}`,
    );
    expect(traceIds(windowed)).toEqual(
      traces
        .slice(10, 20)
        .map((t) => t[0].traceId)
        .sort(),
    );
    const limited = await classic<ClassicTrace[]>(
      `/api/traces?service=productpage.bookinfo&limit=3`,
    );
    expect(limited.data.map((t) => t.traceID)).toEqual(
      traces
        .slice(-3)
        .reverse()
        .map((t) => t[0].traceId),
    );
    // The default window is the last 2 days: an old trace is not found without start.
    const old = generateBookinfoTrace({ startUs: NOW_US - 3 * 86_400_000_000, seed: 5 });
    store.sink.addSpans(old);
    const recent = await classic<ClassicTrace[]>('/api/traces?service=productpage.bookinfo');
    expect(recent.data.map((t) => t.traceID)).not.toContain(old[0].traceId);
    const all = await classic<ClassicTrace[]>(
      `/api/traces?service=productpage.bookinfo&start=${old[0].startTimeUs}`,
    );
    expect(all.data.map((t) => t.traceID)).toContain(old[0].traceId);
  });

  it('honours minDuration and maxDuration as Go durations', async () => {
    const details = traces.flatMap((t) => t.filter((s) => s.serviceName === 'details.bookinfo'));
    const durations = details.map((s) => s.durationUs).sort((a, b) => a - b);
    const mid = durations[Math.floor(durations.length / 2)];
    const isDetails = (s: DemoSpan) => s.serviceName === 'details.bookinfo';
    const min = await classic<ClassicTrace[]>(
      `/api/traces?service=details.bookinfo&minDuration=${mid}us`,
    );
    expect(traceIds(min)).toEqual(expected((s) => isDetails(s) && s.durationUs >= mid));
    const max = await classic<ClassicTrace[]>(
      `/api/traces?service=details.bookinfo&maxDuration=${mid / 1000}ms`,
    );
    expect(traceIds(max)).toEqual(expected((s) => isDetails(s) && s.durationUs <= mid));
    expect(min.data.length + max.data.length).toBeGreaterThan(40);
    const both = await classic<ClassicTrace[]>(
      `/api/traces?service=details.bookinfo&minDuration=${mid}us&maxDuration=${mid}us`,
    );
    expect(traceIds(both)).toEqual(expected((s) => isDetails(s) && s.durationUs === mid));
  });

  it('fetches repeated traceID= and reports the missing ones', async () => {
    const missing = 'ffffffffffffffffffffffffffffffff';
    const env = await classic<ClassicTrace[]>(
      `/api/traces?traceID=${traces[0][0].traceId}&traceID=${missing}&traceID=${traces[1][0].traceId}`,
    );
    expect(env.data.map((t) => t.traceID)).toEqual([traces[0][0].traceId, traces[1][0].traceId]);
    expect(env.errors).toEqual([{ msg: 'trace not found', traceID: missing }]);
  });

  it.each([
    ['/api/traces', "parameter 'service' is required"],
    [
      '/api/traces?service=a&minDuration=1000',
      `unable to parse param 'minDuration': time: missing unit in duration "1000"`,
    ],
    [
      '/api/traces?service=a&minDuration=2s&maxDuration=1s',
      "'maxDuration' should be greater than 'minDuration'",
    ],
    ['/api/traces?service=a&limit=x', 'strconv.ParseInt: parsing "x": invalid syntax'],
    [
      '/api/traces?service=a&start=yesterday',
      `unable to parse param 'start': strconv.ParseInt: parsing "yesterday": invalid syntax`,
    ],
    ['/api/traces?service=a&tags=%7Bbad', "malformed 'tags' parameter, cannot unmarshal JSON:"],
    ['/api/operations', "parameter 'service' is required"],
    ['/api/operations?service=a&spanKind=sideways', "unsupported span kind: 'sideways'"],
    ['/api/dependencies?endTs=now', `unable to parse param 'endTs'`],
  ])('answers 400 with Jaeger’s envelope for %s', async (path, msg) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(r.type).toBe('text/plain; charset=utf-8');
    const body = r.json();
    expect(body).toMatchObject({ data: null, total: 0, limit: 0, offset: 0 });
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].code).toBe(400);
    expect(body.errors[0].msg).toContain(msg);
  });
});

describe('services, operations, dependencies', () => {
  it('lists services and operations in both APIs', async () => {
    const services = await classic<string[]>('/api/services');
    expect(services.data).toEqual(
      expect.arrayContaining([
        'istio-ingressgateway.istio-system',
        'productpage.bookinfo',
        'ratings.bookinfo',
      ]),
    );
    expect(services.total).toBe(services.data.length);
    const ops = await classic<string[]>('/api/services/productpage.bookinfo/operations');
    expect(ops.data.sort()).toEqual([
      'details.bookinfo.svc.cluster.local:9080/*',
      'productpage.bookinfo.svc.cluster.local:9080/productpage',
      'reviews.bookinfo.svc.cluster.local:9080/*',
    ]);
    const unknown = await classic<null>('/api/services/nope/operations');
    expect(unknown.data).toBeNull();
    const clientOps = await classic<{ name: string; spanKind: string }[]>(
      '/api/operations?service=productpage.bookinfo&spanKind=client',
    );
    expect(clientOps.data).toEqual([
      { name: 'details.bookinfo.svc.cluster.local:9080/*', spanKind: 'client' },
      { name: 'reviews.bookinfo.svc.cluster.local:9080/*', spanKind: 'client' },
    ]);
    expect((await get('/api/v3/services')).json().services).toEqual(services.data);
    const v3ops = (
      await get('/api/v3/operations?service=ratings.bookinfo&span_kind=server')
    ).json();
    expect(v3ops).toEqual({
      operations: [{ name: 'ratings.bookinfo.svc.cluster.local:9080/*', spanKind: 'server' }],
    });
  });

  it('derives dependencies from client→server hops', async () => {
    const env = await classic<{ parent: string; child: string; callCount: number }[]>(
      `/api/dependencies?endTs=${Math.ceil(NOW_US / 1000)}&lookback=60000`,
    );
    const count = (p: string, c: string) =>
      env.data.find((d) => d.parent === p && d.child === c)?.callCount;
    expect(count('istio-ingressgateway.istio-system', 'productpage.bookinfo')).toBe(40);
    expect(count('productpage.bookinfo', 'details.bookinfo')).toBe(40);
    expect(count('reviews.bookinfo', 'ratings.bookinfo')).toBe(
      traces.filter((t) => t.some((s) => s.serviceName === 'ratings.bookinfo')).length,
    );
    const filtered = await classic<{ parent: string; child: string }[]>(
      '/api/dependencies?service=ratings.bookinfo',
    );
    expect(filtered.data).toEqual([
      { parent: 'reviews.bookinfo', child: 'ratings.bookinfo', callCount: expect.any(Number) },
    ]);
  });
});

describe('api_v3 search', () => {
  const window = (fromUs: number, toUs: number) =>
    `query.startTimeMin=${new Date(fromUs / 1000).toISOString()}&query.startTimeMax=${new Date(toUs / 1000).toISOString()}`;
  const all = window(NOW_US - 60_000_000, NOW_US + 1_000_000);

  it('summarises matching traces', async () => {
    const r = await get(
      `/api/v3/trace-summaries?${all}&query.serviceName=details.bookinfo&query.attributes=${encodeURIComponent('{"error":"true"}')}`,
    );
    expect(r.status).toBe(200);
    const summaries: TraceSummary[] = r.json().summaries;
    expect(summaries.map((s) => s.traceId).sort()).toEqual(
      expected((s) => s.serviceName === 'details.bookinfo' && s.tags.error === 'true'),
    );
    for (const s of summaries) {
      expect(s.rootServiceName).toBe('istio-ingressgateway.istio-system');
      expect(s.errorSpanCount).toBe(2);
      expect(s.orphanSpanCount).toBe(0);
      expect(s.minStartTimeUnixNano).toMatch(/^\d{19}$/);
    }
  });

  it('limits with query.searchDepth and filters durations (snake_case too)', async () => {
    const r = await get(
      `/api/v3/trace-summaries?${all}&query.service_name=productpage.bookinfo&query.search_depth=2`,
    );
    expect(r.json().summaries.map((s: TraceSummary) => s.traceId)).toEqual(
      traces
        .slice(-2)
        .reverse()
        .map((t) => t[0].traceId),
    );
    const slow = await get(
      `/api/v3/traces?${all}&query.serviceName=productpage.bookinfo&query.durationMin=1h`,
    );
    expect(slow.status).toBe(404);
    expect(slow.json()).toEqual({ error: { httpCode: 404, message: 'No traces found' } });
  });

  it('returns OTLP resource spans for a search', async () => {
    const r = await get(
      `/api/v3/traces?${all}&query.serviceName=ratings.bookinfo&query.searchDepth=1`,
    );
    expect(r.status).toBe(200);
    const rs: OtlpResourceSpans[] = r.json().result.resourceSpans;
    const spans = rs.flatMap((x) => x.scopeSpans.flatMap((s) => s.spans));
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    expect(
      spans.every((s) => typeof s.startTimeUnixNano === 'string' && typeof s.kind === 'number'),
    ).toBe(true);
  });

  it.each([
    [
      '/api/v3/trace-summaries?query.serviceName=a',
      'query.startTimeMin and query.startTimeMax are required',
    ],
    [
      `/api/v3/traces?${all}&query.durationMin=5`,
      'malformed parameter query.durationMin: time: missing unit in duration "5"',
    ],
    [
      '/api/v3/traces?query.startTimeMin=1&query.startTimeMax=2',
      'malformed parameter query.startTimeMin: parsing time "1"',
    ],
    ['/api/v3/traces/xyz', 'malformed parameter trace_id'],
  ])('answers 400 in the api_v3 envelope for %s', async (path, msg) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(r.json().error.httpCode).toBe(400);
    expect(r.json().error.message).toContain(msg);
  });
});

describe('edges of the server', () => {
  it('accepts spans over HTTP and rejects malformed batches', async () => {
    const t = generateBookinfoTrace({ startUs: NOW_US, seed: 77 });
    const post = (body: string) =>
      fetch(`${store.url}/api/demo/spans`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
    const ok = await post(JSON.stringify({ spans: t }));
    expect(ok.status).toBe(202);
    expect(
      (await classic<ClassicTrace[]>(`/api/traces/${t[0].traceId}`)).data[0].spans,
    ).toHaveLength(t.length);
    const bad = await post(JSON.stringify({ spans: [{ ...t[0], spanId: 'zz' }] }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].msg).toContain('spans.0.spanId');
  });

  it('answers unknown routes and wrong methods like Go’s mux', async () => {
    const r = await get('/api/nope');
    expect(r.status).toBe(404);
    expect(r.text).toBe('404 page not found\n');
    const del = await fetch(`${store.url}/api/services`, { method: 'DELETE' });
    expect(del.status).toBe(405);
    const getIngest = await fetch(`${store.url}/api/demo/spans`);
    expect(getIngest.status).toBe(405);
    expect(getIngest.headers.get('allow')).toBe('POST');
  });

  it('pretty-prints on request', async () => {
    const r = await get('/api/services?prettyPrint=true');
    expect(r.text).toContain('\n  "data": [');
  });

  it('evicts oldest traces under a small budget and serves a 5,000-span trace', async () => {
    const small = await startTraceStore({ port: 0, maxSpans: 5_000 });
    try {
      const first = generateBookinfoTrace({ startUs: NOW_US - 5_000_000, seed: 1 });
      small.sink.addSpans(first);
      const big = generateLargeTrace({ spans: 5_000, seed: 3 });
      small.sink.addSpans(big);
      expect((await fetch(`${small.url}/api/traces/${first[0].traceId}`)).status).toBe(404);
      const res = await fetch(`${small.url}/api/traces/${big[0].traceId}`);
      const body = (await res.json()) as ClassicEnvelope<ClassicTrace[]>;
      expect(body.data[0].spans).toHaveLength(5_000);
      expect(Object.keys(body.data[0].processes).length).toBeGreaterThanOrEqual(10);
    } finally {
      await small.close();
    }
  });
});
