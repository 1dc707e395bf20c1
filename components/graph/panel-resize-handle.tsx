'use client';

import { type RefObject, useRef } from 'react';

import classes from './graph-page.module.css';
import { maxPanelWidth, PANEL_WIDTH, widthAfterDrag, widthAfterKey } from './panel-width';

export interface PanelResizeHandleProps {
  /** The committed panel width in px. */
  width: number;
  /** The panel this handle resizes (its id goes in aria-controls). */
  panelId: string;
  panelRef: RefObject<HTMLElement | null>;
  /** Called when a drag ends or a key moves the divider: persist and re-render. */
  onWidth: (width: number) => void;
}

/**
 * The divider between the graph and the side panel: a focusable `separator` (WAI-ARIA window
 * splitter) that the pointer drags and the arrow keys move. While dragging it writes the panel's
 * width straight to the DOM and commits once on release, so the page (side-panel charts, the
 * toolbar) re-renders once per drag, not on every pointer move.
 */
export function PanelResizeHandle({ width, panelId, panelRef, onWidth }: PanelResizeHandleProps) {
  const drag = useRef<{ startX: number; startWidth: number; max: number; width: number } | null>(
    null,
  );
  const handle = useRef<HTMLDivElement>(null);
  const rowWidth = () => handle.current?.parentElement?.clientWidth;

  const show = (w: number) => {
    if (panelRef.current) panelRef.current.style.width = `${w}px`;
    handle.current?.setAttribute('aria-valuenow', String(w));
  };

  return (
    <div
      ref={handle}
      className={classes.resizeHandle}
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize details panel"
      aria-controls={panelId}
      aria-valuenow={width}
      aria-valuemin={PANEL_WIDTH.min}
      aria-valuemax={maxPanelWidth(rowWidth())}
      tabIndex={0}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = {
          startX: e.clientX,
          startWidth: width,
          max: maxPanelWidth(rowWidth()),
          width,
        };
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (!d) return;
        d.width = widthAfterDrag(d.startWidth, d.startX, e.clientX, d.max);
        show(d.width);
      }}
      onPointerUp={(e) => {
        const d = drag.current;
        if (!d) return;
        drag.current = null;
        e.currentTarget.releasePointerCapture(e.pointerId);
        if (d.width !== width) onWidth(d.width);
      }}
      onPointerCancel={() => {
        drag.current = null;
        show(width);
      }}
      onDoubleClick={() => onWidth(PANEL_WIDTH.initial)}
      onKeyDown={(e) => {
        const next = widthAfterKey(e.key, e.shiftKey, width, maxPanelWidth(rowWidth()));
        if (next === undefined) return;
        e.preventDefault();
        if (next !== width) onWidth(next);
      }}
    />
  );
}
