import { describe, expect, it } from 'vitest';

import { envelope, errorEnvelope, toClassicTrace } from './classic-json';
import { generateBookinfoTrace } from './generate';
import { toOtlpResourceSpans, toTraceSummary } from './otlp-json';
import type { DemoSpan } from './span';
import { TraceStore } from './store';

const START_US = 1_767_225_600_000_000; // 2026-01-01T00:00:00Z

/** A fixed Bookinfo trace through reviews-v2 (so ratings is in it) with a failing details. */
function fixedTrace() {
  const store = new TraceStore();
  const spans = generateBookinfoTrace({ startUs: START_US, seed: 4, errors: true });
  store.addSpans(spans);
  const trace = store.get(spans[0].traceId);
  if (!trace) throw new Error('trace not stored');
  return trace;
}

describe('classic JSON', () => {
  const trace = fixedTrace();
  const json = toClassicTrace(trace, { raw: false });

  it('matches the recorded Jaeger-format trace', async () => {
    await expect(`${JSON.stringify(envelope([json]), null, 2)}\n`).toMatchFileSnapshot(
      '__fixtures__/bookinfo-trace.classic.json',
    );
  });

  it('numbers deduplicated processes p1..pN in first-seen order', () => {
    const services = Object.entries(json.processes).map(([id, p]) => [id, p.serviceName]);
    expect(services.map(([id]) => id)).toEqual(services.map((_, i) => `p${i + 1}`));
    expect(new Set(services.map(([, s]) => s)).size).toBe(services.length);
    expect(services.map(([, s]) => s)).toContain('ratings.bookinfo');
    for (const span of json.spans) {
      expect(json.processes[span.processID].serviceName).toBeTruthy();
    }
  });

  it('types every Envoy tag as a string, sorts tags, and leaves warnings null', () => {
    expect(json.warnings).toBeNull();
    for (const span of json.spans) {
      expect(span.warnings).toBeNull();
      expect(span.tags.every((t) => t.type === 'string' && typeof t.value === 'string')).toBe(true);
      const keys = span.tags.map((t) => t.key);
      expect(keys).toEqual([...keys].sort());
    }
    const details = json.spans.filter((s) => s.operationName.startsWith('details.'));
    expect(details).toHaveLength(2);
    for (const s of details) {
      expect(s.tags).toContainEqual({ key: 'error', type: 'string', value: 'true' });
      expect(s.tags).toContainEqual({ key: 'http.status_code', type: 'string', value: '500' });
    }
  });

  it('prints a trace ID with zero high bits in 16 digits, as Jaeger does', () => {
    const store = new TraceStore();
    const span: DemoSpan = {
      ...generateBookinfoTrace({ startUs: START_US, seed: 1 })[0],
      traceId: '0000000000000000000000000000abcd',
    };
    store.addSpans([span]);
    const t = toClassicTrace(store.get(span.traceId)!, { raw: true });
    expect(t.traceID).toBe('000000000000abcd');
    expect(t.spans[0].traceID).toBe('000000000000abcd');
  });

  it('keeps tag order as received when raw, and puts log `event` first otherwise', () => {
    const store = new TraceStore();
    const base = generateBookinfoTrace({ startUs: START_US, seed: 1 })[0];
    store.addSpans([
      {
        ...base,
        tags: { z: '1', a: '2' },
        logs: [{ timestampUs: START_US, fields: { b: '1', event: 'retry', a: '0' } }],
      },
    ]);
    const t = store.get(base.traceId)!;
    expect(toClassicTrace(t, { raw: true }).spans[0].tags.map((x) => x.key)).toEqual(['z', 'a']);
    const adjusted = toClassicTrace(t, { raw: false }).spans[0];
    expect(adjusted.tags.map((x) => x.key)).toEqual(['a', 'z']);
    expect(adjusted.logs[0].fields.map((x) => x.key)).toEqual(['event', 'a', 'b']);
  });

  it('builds Jaeger envelopes', () => {
    expect(envelope(['a'], { total: 1 })).toEqual({
      data: ['a'],
      total: 1,
      limit: 0,
      offset: 0,
      errors: null,
    });
    expect(errorEnvelope(404, 'trace not found')).toEqual({
      data: null,
      total: 0,
      limit: 0,
      offset: 0,
      errors: [{ code: 404, msg: 'trace not found' }],
    });
  });
});

describe('OTLP JSON', () => {
  const trace = fixedTrace();
  const resourceSpans = toOtlpResourceSpans(trace);

  it('matches the recorded api_v3 trace', async () => {
    await expect(`${JSON.stringify({ result: { resourceSpans } }, null, 2)}\n`).toMatchFileSnapshot(
      '__fixtures__/bookinfo-trace.otlp.json',
    );
  });

  it('uses hex IDs, numeric enums and nanosecond strings', () => {
    const spans = resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    expect(spans).toHaveLength(trace.spans.length);
    for (const s of spans) {
      expect(s.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(s.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect([2, 3]).toContain(s.kind);
      expect(s.startTimeUnixNano).toMatch(/^\d+000$/);
      expect(BigInt(s.endTimeUnixNano)).toBeGreaterThan(BigInt(s.startTimeUnixNano));
      expect(s.attributes?.some((a) => a.key === 'span.kind' || a.key === 'error')).toBe(false);
    }
    const roots = spans.filter((s) => !s.parentSpanId);
    expect(roots).toHaveLength(1);
    const failing = spans.filter((s) => s.name.startsWith('details.'));
    expect(failing.map((s) => s.status)).toEqual([{ code: 2 }, { code: 2 }]);
    expect(spans.filter((s) => s.status.code === undefined)).toHaveLength(spans.length - 2);
    expect(resourceSpans[0].resource.attributes[0]).toEqual({
      key: 'service.name',
      value: { stringValue: 'istio-ingressgateway.istio-system' },
    });
  });

  it('summarises a trace for the search list', () => {
    const summary = toTraceSummary(trace);
    expect(summary).toMatchObject({
      traceId: trace.id,
      rootServiceName: 'istio-ingressgateway.istio-system',
      rootOperationName: 'productpage.bookinfo.svc.cluster.local:9080/productpage',
      minStartTimeUnixNano: `${START_US}000`,
      spanCount: trace.spans.length,
      errorSpanCount: 2,
      orphanSpanCount: 0,
    });
    expect(summary.services.find((s) => s.name === 'details.bookinfo')).toEqual({
      name: 'details.bookinfo',
      spanCount: 1,
      errorSpanCount: 1,
    });
    expect(BigInt(summary.maxEndTimeUnixNano)).toBe(BigInt(trace.endUs) * 1000n);
  });

  it('counts orphans and picks the earliest orphan as root when the root is missing', () => {
    const store = new TraceStore();
    const spans = generateBookinfoTrace({ startUs: START_US, seed: 3 });
    store.addSpans(spans.slice(1));
    const summary = toTraceSummary(store.get(spans[0].traceId)!);
    expect(summary.orphanSpanCount).toBe(1);
    expect(summary.rootServiceName).toBe('productpage.bookinfo');
  });
});
