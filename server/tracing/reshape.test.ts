import { describe, expect, it } from 'vitest';

import classic from './__fixtures__/classic-trace.json';
import v3 from './__fixtures__/v3-trace-summaries.json';
import { classicTracesResponse, v3TraceSummariesResponse } from './jaeger-schemas';
import { fromV3Summary, isErrorSpan, summarizeTrace, toTraceRecord } from './reshape';

const kv = (key: string, value: string, type = 'string') => ({ key, value, type });

describe('classic trace reshaping', () => {
  const body = classicTracesResponse.parse(classic);
  const record = toTraceRecord(body.data![0]);

  it('resolves processes, kinds and references', () => {
    expect(record.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(record.spans.map((s) => s.service)).toEqual([
      'productpage.bookinfo',
      'productpage.bookinfo',
      'reviews.bookinfo',
      'productpage.bookinfo',
    ]);
    expect(record.spans[1].kind).toBe('client');
    expect(record.spans[2].references).toEqual([
      { refType: 'CHILD_OF', traceId: record.traceId, spanId: '00f067aa0ba902b7' },
    ]);
    expect(record.spans[0].processTags).toEqual([kv('hostname', 'productpage-v1-564d4686f-t6s4m')]);
  });

  it('keeps int64 beyond 2^53 exact and renders bools and floats as text', () => {
    expect(record.spans[0].tags).toContainEqual(kv('request_size', '9223372036854775807', 'int64'));
    expect(record.spans[2].tags).toContainEqual(kv('sampled', 'false', 'bool'));
    expect(record.spans[2].tags).toContainEqual(kv('ratio', '0.25', 'float64'));
  });

  it('accepts both forms of the error tag, and not an explicit "false"', () => {
    expect(record.spans.map((s) => s.error)).toEqual([false, true, true, false]);
    expect(isErrorSpan([kv('otel.status_code', 'ERROR')])).toBe(true);
    expect(isErrorSpan([kv('error', 'true')])).toBe(true);
    expect(isErrorSpan([kv('error', 'true', 'bool')])).toBe(true);
    expect(isErrorSpan([kv('error', 'false')])).toBe(false);
    expect(isErrorSpan([kv('http.status_code', '503')])).toBe(false);
  });

  it('keeps logs and Jaeger warnings', () => {
    expect(record.spans[2].logs).toEqual([
      { timestampUs: 1755700000125000, fields: [kv('event', 'retry')] },
    ]);
    expect(record.spans[2].warnings[0]).toMatch(/clock skew/);
    expect(record.spans[3].logs).toEqual([]);
  });

  it('summarizes a trace like trace-summaries does', () => {
    expect(summarizeTrace(record)).toEqual({
      traceId: record.traceId,
      rootService: 'productpage.bookinfo',
      rootOperation: 'productpage.bookinfo.svc.cluster.local:9080/productpage',
      startUs: 1755700000100000,
      durationUs: 60000,
      spanCount: 4,
      errorCount: 2,
      orphanCount: 0,
      services: [
        { name: 'productpage.bookinfo', spanCount: 3, errorCount: 1 },
        { name: 'reviews.bookinfo', spanCount: 1, errorCount: 1 },
      ],
    });
  });

  it('rejects a wrong shape at the edge', () => {
    const bad = { data: [{ traceID: 'x', spans: [{ spanID: 1 }] }] };
    expect(classicTracesResponse.safeParse(bad).success).toBe(false);
  });
});

describe('api_v3 trace summaries', () => {
  const summaries = v3TraceSummariesResponse.parse(v3).summaries!.map(fromV3Summary);

  it('converts ns strings to exact µs and lowercases IDs', () => {
    expect(summaries[0]).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      rootService: 'istio-ingressgateway.istio-system',
      startUs: 1755700000100000,
      durationUs: 60000,
      spanCount: 10,
      errorCount: 2,
    });
    expect(summaries[0].services[2]).toEqual({
      name: 'istio-ingressgateway.istio-system',
      spanCount: 2,
      errorCount: 0,
    });
  });

  it('accepts numeric times, int64 counts as strings and missing fields', () => {
    expect(summaries[1]).toMatchObject({
      rootService: '',
      durationUs: 1000,
      spanCount: 1,
      errorCount: 0,
      services: [],
    });
  });
});
