'use client';

import { Button, useComputedColorScheme } from '@mantine/core';
import { type PointerEvent, useEffect, useRef, useState } from 'react';

import type { TraceView } from '@/server/model/trace';

import classes from './trace-minimap.module.css';
import { serviceColor, type ViewRange } from './waterfall-model';

export interface TraceMinimapProps {
  view: TraceView;
  range: ViewRange;
  onRange: (range: ViewRange) => void;
}

const HEIGHT = 56;

/**
 * A canvas overview of every span (one thin line per row, coloured by service) with the zoomed
 * window shaded; drag across it to zoom the waterfall, "Reset zoom" to see the whole trace.
 * Drawn once per trace and size, never per scroll.
 */
export function TraceMinimap({ view, range, onRange }: TraceMinimapProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const [width, setWidth] = useState(0);
  const dark = useComputedColorScheme('light', { getInitialValueInEffect: true }) === 'dark';
  const total = view.durationUs || 1;

  useEffect(() => {
    const el = canvasRef.current?.parentElement;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !width) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(HEIGHT * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.scale(dpr, dpr);
    ctx.clearRect(0, 0, width, HEIGHT);
    const { rows } = view;
    const n = rows.start.length;
    const rowH = HEIGHT / Math.max(n, 1);
    const h = Math.max(rowH, 1);
    for (let i = 0; i < n; i++) {
      const x = (rows.start[i] / total) * width;
      const w = Math.max(1, (rows.duration[i] / total) * width);
      ctx.fillStyle = serviceColor(rows.service[i]);
      ctx.globalAlpha = rowH < 1 ? 0.35 : 0.9;
      ctx.fillRect(x, i * rowH, w, h);
    }
    ctx.globalAlpha = 1;
  }, [view, width, total, dark]);

  const frac = (e: PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
  };
  const zoomed = range.start > 0 || range.end < total;
  const sel = drag
    ? { a: Math.min(drag.from, drag.to), b: Math.max(drag.from, drag.to) }
    : { a: range.start / total, b: range.end / total };

  return (
    <div className={classes.wrap}>
      <div
        className={classes.area}
        role="slider"
        aria-label="Trace minimap: drag to zoom the time range"
        aria-valuemin={0}
        aria-valuemax={Math.round(total)}
        aria-valuenow={Math.round(range.start)}
        tabIndex={0}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          const f = frac(e);
          setDrag({ from: f, to: f });
        }}
        onPointerMove={(e) => drag && setDrag({ ...drag, to: frac(e) })}
        onPointerUp={() => {
          if (drag && Math.abs(drag.to - drag.from) > 0.005) {
            onRange({ start: sel.a * total, end: sel.b * total });
          }
          setDrag(null);
        }}
      >
        <canvas ref={canvasRef} className={classes.canvas} style={{ height: HEIGHT }} />
        <div className={classes.shade} style={{ left: 0, width: `${sel.a * 100}%` }} />
        <div className={classes.shade} style={{ left: `${sel.b * 100}%`, right: 0 }} />
        <div
          className={classes.window}
          data-dragging={drag ? true : undefined}
          style={{ left: `${sel.a * 100}%`, width: `${(sel.b - sel.a) * 100}%` }}
        />
      </div>
      {zoomed && (
        <Button
          size="compact-xs"
          variant="default"
          className={classes.reset}
          onClick={() => onRange({ start: 0, end: total })}
        >
          Reset zoom
        </Button>
      )}
    </div>
  );
}
