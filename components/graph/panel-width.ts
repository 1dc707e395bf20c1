/**
 * Width of the graph page's side panel: limits, keyboard steps and how it is remembered. Pure, so
 * the resize handle's rules are tested without a DOM.
 */

export const PANEL_WIDTH = {
  min: 280,
  /** Wide enough for the edge panel's charts side by side; more only starves the graph. */
  max: 760,
  initial: 380,
  step: 16,
  bigStep: 80,
} as const;

/** The graph keeps at least this much room whatever the panel asks for. */
export const MIN_GRAPH_WIDTH = 360;

export const PANEL_WIDTH_KEY = 'meshscope.graph.panelWidth';

/** The largest panel width that still leaves the graph its minimum, given the row's width. */
export function maxPanelWidth(rowWidth: number | undefined): number {
  if (!rowWidth || !Number.isFinite(rowWidth)) return PANEL_WIDTH.max;
  return Math.max(PANEL_WIDTH.min, Math.min(PANEL_WIDTH.max, rowWidth - MIN_GRAPH_WIDTH));
}

export function clampPanelWidth(width: number, max: number = PANEL_WIDTH.max): number {
  if (!Number.isFinite(width)) return PANEL_WIDTH.initial;
  return Math.round(Math.min(max, Math.max(PANEL_WIDTH.min, width)));
}

/** Reads a stored width; anything unusable (missing, corrupt, hand-edited) gives the default. */
export function parsePanelWidth(raw: string | null | undefined): number {
  if (!raw) return PANEL_WIDTH.initial;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? clampPanelWidth(n) : PANEL_WIDTH.initial;
}

/**
 * The width after a key press on the handle, or undefined when the key is not ours. The panel is
 * on the right, so moving the handle left (ArrowLeft) widens it: the arrows move the divider, as
 * in the WAI-ARIA window-splitter pattern. Shift or PageUp/PageDown take big steps.
 */
export function widthAfterKey(
  key: string,
  shift: boolean,
  width: number,
  max: number = PANEL_WIDTH.max,
): number | undefined {
  const step = shift ? PANEL_WIDTH.bigStep : PANEL_WIDTH.step;
  switch (key) {
    case 'ArrowLeft':
      return clampPanelWidth(width + step, max);
    case 'ArrowRight':
      return clampPanelWidth(width - step, max);
    case 'PageUp':
      return clampPanelWidth(width + PANEL_WIDTH.bigStep, max);
    case 'PageDown':
      return clampPanelWidth(width - PANEL_WIDTH.bigStep, max);
    case 'Home':
      return PANEL_WIDTH.min;
    case 'End':
      return max;
    default:
      return undefined;
  }
}

/** Width while dragging: the handle started at `startX` with the panel `startWidth` wide. */
export function widthAfterDrag(
  startWidth: number,
  startX: number,
  x: number,
  max: number = PANEL_WIDTH.max,
): number {
  return clampPanelWidth(startWidth + (startX - x), max);
}
