import type { EChartsOption } from '@/components/charts/echarts-core';
import type { TraceSummary } from '@/server/model/trace';

import { formatDuration, shortService } from './format';

/** One dot: [start ms, duration µs, span count, trace ID, root label]. */
export type ScatterDatum = [number, number, number, string, string];

/** Dot diameter by span count: readable for 1 span, bounded for 50,000. */
export function dotSize(spanCount: number): number {
  return Math.round(Math.min(28, 6 + Math.sqrt(Math.max(0, spanCount)) * 1.2));
}

const OK_COLOR = '#12939a';
const ERROR_COLOR = '#e03131';

/**
 * Duration-over-time scatter of search results (as Jaeger's search page): x = start time,
 * y = duration, size = span count, red when the trace has errors. Clicking a dot opens the trace
 * (the click handler reads the trace ID at index 3).
 */
export function traceScatterOption(traces: TraceSummary[], dark: boolean): EChartsOption {
  const toDatum = (t: TraceSummary): ScatterDatum => [
    t.startUs / 1_000,
    t.durationUs,
    t.spanCount,
    t.traceId,
    `${shortService(t.rootService)}: ${t.rootOperation}`,
  ];
  const ok = traces.filter((t) => t.errorCount === 0).map(toDatum);
  const bad = traces.filter((t) => t.errorCount > 0).map(toDatum);
  const axisColor = dark ? '#909296' : '#868e96';
  const splitColor = dark ? '#373a40' : '#e9ecef';
  const series = (name: string, data: ScatterDatum[], color: string) => ({
    name,
    type: 'scatter',
    data,
    symbolSize: (d: ScatterDatum) => dotSize(d[2]),
    itemStyle: { color, opacity: 0.75, borderColor: color, borderWidth: 1 },
    emphasis: { itemStyle: { opacity: 1 } },
    cursor: 'pointer',
  });
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 12, bottom: 24 },
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: ScatterDatum }) =>
        `${escapeHtml(p.data[4])}<br/>${formatDuration(p.data[1])} · ${p.data[2]} spans`,
    },
    xAxis: {
      type: 'time',
      axisLabel: { color: axisColor, fontSize: 10, hideOverlap: true },
      axisLine: { lineStyle: { color: splitColor } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { color: axisColor, fontSize: 10, formatter: (v: number) => formatDuration(v) },
      splitLine: { lineStyle: { color: splitColor } },
    },
    series: [series('Traces', ok, OK_COLOR), series('Traces with errors', bad, ERROR_COLOR)],
  };
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!,
  );
}
