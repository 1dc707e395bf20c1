'use client';

import type { Core } from 'cytoscape';
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useRef, useState } from 'react';

import type { CyGraphProps } from './cy-graph';
import { TrafficRenderer } from './traffic-renderer';

// cytoscape touches `window` on import: load it in the browser only.
const CyGraph = dynamic(() => import('./cy-graph').then((m) => m.CyGraph), { ssr: false });

export interface GraphCanvasProps extends Omit<CyGraphProps, 'onReady'> {
  animation: boolean;
  mtlsLocks: boolean;
  /** The `cy` instance for fit/export; null before mount and after unmount. */
  onCy: (cy: Core | null) => void;
}

declare global {
  interface Window {
    /** Test/benchmark hook: the live graph and the animation's counters. */
    __meshscopeGraph?: {
      cy: Core;
      traffic: () => ReturnType<TrafficRenderer['stats']>;
      frameCost: () => number[];
    };
  }
}

/** The graph plus the traffic-animation canvas laid over it (pointer events pass through). */
export function GraphCanvas(props: GraphCanvasProps) {
  const { animation, mtlsLocks, onCy, elements, dark, ...rest } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const renderer = useRef<TrafficRenderer | null>(null);
  const [cy, setCy] = useState<Core | null>(null);

  const onReady = useCallback(
    (instance: Core | null) => {
      setCy(instance);
      onCy(instance);
    },
    [onCy],
  );

  useEffect(() => {
    if (!cy || !canvas.current) return;
    const r = new TrafficRenderer(cy, canvas.current);
    renderer.current = r;
    window.__meshscopeGraph = {
      cy,
      traffic: () => r.stats(),
      frameCost: () => Array.from(r.frameCost.subarray(0, Math.min(r.frames, r.frameCost.length))),
    };
    return () => {
      r.destroy();
      renderer.current = null;
      delete window.__meshscopeGraph;
    };
  }, [cy]);

  // After CyGraph applied the elements (its effect runs first: child before parent).
  useEffect(() => {
    renderer.current?.sync();
  }, [elements, cy]);

  useEffect(() => {
    renderer.current?.setOptions(animation, mtlsLocks, dark);
  }, [animation, mtlsLocks, dark, cy]);

  return (
    <>
      <CyGraph {...rest} elements={elements} dark={dark} onReady={onReady} />
      <canvas
        ref={canvas}
        aria-hidden="true"
        style={{
          position: 'absolute',
          inset: 0,
          width: '100%',
          height: '100%',
          pointerEvents: 'none',
        }}
      />
    </>
  );
}
