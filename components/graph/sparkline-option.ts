import type { EChartsOption } from '@/components/charts/echarts-core';
import type { MetricPoint } from '@/server/model/metrics';

export interface SparklineSeries {
  name: string;
  points: MetricPoint[];
  color: string;
  /** Shaded area under the line (for the primary series). */
  area?: boolean;
}

/**
 * A compact time-series chart for the side panel: no axes chrome beyond a few value ticks, a
 * tooltip with the unit, and time on x. Pure, so it is tested without echarts or a DOM.
 */
export function sparklineOption(
  series: SparklineSeries[],
  unit: string,
  dark: boolean,
): EChartsOption {
  const text = dark ? '#909296' : '#868e96';
  const grid = dark ? 'rgba(255,255,255,0.06)' : 'rgba(0,0,0,0.06)';
  return {
    animation: false,
    grid: { left: 40, right: 8, top: 8, bottom: 18 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      valueFormatter: (v: unknown) => (typeof v === 'number' ? `${formatValue(v)} ${unit}` : '–'),
    },
    xAxis: {
      type: 'time',
      axisLabel: { color: text, fontSize: 9, hideOverlap: true },
      axisLine: { lineStyle: { color: grid } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      splitNumber: 2,
      axisLabel: { color: text, fontSize: 9, formatter: (v: number) => formatValue(v) },
      splitLine: { lineStyle: { color: grid } },
    },
    series: series.map((s) => ({
      name: s.name,
      type: 'line',
      showSymbol: false,
      smooth: false,
      lineStyle: { width: 1.5, color: s.color },
      itemStyle: { color: s.color },
      areaStyle: s.area ? { color: s.color, opacity: 0.12 } : undefined,
      data: s.points.map(([t, v]) => [t * 1000, v]),
    })),
  };
}

function formatValue(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) >= 1000) return `${(v / 1000).toFixed(1)}k`;
  if (Math.abs(v) >= 10) return v.toFixed(0);
  return v.toFixed(v < 1 ? 2 : 1);
}
