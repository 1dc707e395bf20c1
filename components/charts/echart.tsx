'use client';

import { useComputedColorScheme } from '@mantine/core';
import { type CSSProperties, useEffect, useRef } from 'react';

import { echarts, type EChartsOption } from './echarts-core';

export interface EChartProps {
  /** A complete option object, built by a pure (tested) option builder. */
  option: EChartsOption;
  style?: CSSProperties;
  /** Accessible name of the chart (it is a canvas, so say what it shows). */
  ariaLabel: string;
  /** echarts events, e.g. `{ click: (p) => … }`. */
  onEvents?: Record<string, (params: unknown) => void>;
}

/**
 * The one echarts wrapper (Perses' EChart): init once per colour scheme, setOption on change,
 * resize with a ResizeObserver, dispose on unmount.
 */
export function EChart({ option, style, ariaLabel, onEvents }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: true });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, scheme === 'dark' ? 'dark' : undefined, {
      renderer: 'canvas',
    });
    chart.current = instance;
    const ro = new ResizeObserver(() => instance.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [scheme]);

  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', ...option }, { notMerge: true });
  }, [option, scheme]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onEvents) return;
    for (const [name, fn] of Object.entries(onEvents)) instance.on(name, fn);
    return () => {
      for (const [name, fn] of Object.entries(onEvents)) instance.off(name, fn);
    };
  }, [onEvents, scheme]);

  return (
    <div
      ref={ref}
      role="img"
      aria-label={ariaLabel}
      style={{ width: '100%', height: 120, ...style }}
    />
  );
}
