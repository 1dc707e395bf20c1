import { describe, expect, it } from 'vitest';

import type { TraceSummary } from '@/server/model/trace';

import { dotSize, traceScatterOption } from './scatter-option';

const summary = (id: string, over: Partial<TraceSummary> = {}): TraceSummary => ({
  traceId: id,
  rootService: 'istio-ingressgateway.istio-system',
  rootOperation: 'productpage.bookinfo.svc.cluster.local:9080/productpage',
  startUs: 1_700_000_000_000_000,
  durationUs: 12_000,
  spanCount: 8,
  errorCount: 0,
  orphanCount: 0,
  services: [],
  ...over,
});

describe('traceScatterOption', () => {
  it('splits error traces into a red series with the trace ID for clicks', () => {
    const opt = traceScatterOption(
      [summary('a'), summary('b', { errorCount: 2, spanCount: 100, durationUs: 50_000 })],
      false,
    ) as { series: { name: string; data: unknown[][]; itemStyle: { color: string } }[] };
    expect(opt.series.map((s) => s.name)).toEqual(['Traces', 'Traces with errors']);
    expect(opt.series[0].data).toEqual([
      [
        1_700_000_000_000,
        12_000,
        8,
        'a',
        'istio-ingressgateway: productpage.bookinfo.svc.cluster.local:9080/productpage',
      ],
    ]);
    expect(opt.series[1].data[0][3]).toBe('b');
    expect(opt.series[1].itemStyle.color).toBe('#e03131');
  });

  it('sizes dots by span count within bounds', () => {
    expect(dotSize(1)).toBe(7);
    expect(dotSize(100)).toBe(18);
    expect(dotSize(50_000)).toBe(28);
  });
});
