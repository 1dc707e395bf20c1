import type { Core } from 'cytoscape';

/** The one method of cytoscape 3.x's Style object this module touches (not in its typings). */
interface StyleInternals {
  checkTriggers?: (...args: unknown[]) => void;
}

/**
 * Runs `fill`, which adds elements to an EMPTY graph, and computes their style, with cytoscape's
 * per-property style triggers switched off, then their bounds.
 *
 * cytoscape applies roughly a hundred properties to each new element (its defaults plus ours),
 * and after every one it "checks triggers": it builds a collection of the element's connected
 * edges to clear their style cache and clears the element's bounds, emitting an event. On a
 * 1,000-node / 3,000-edge mesh that was about half of the style computation before the first
 * frame (~300 ms of ~630 ms in a graph-page benchmark profile). For elements that are all new
 * the triggers have nothing to invalidate: no bounds or style caches exist yet, and any cache
 * built during `fill` is built from already-applied style (cytoscape cleans an element's style
 * before reading it), so the result is the same; the unit test checks that.
 *
 * Only for a graph with no elements: an update to a drawn graph must keep the triggers (a
 * changed class there must dirty the cached bounds). If a cytoscape version lacks the method,
 * `fill` runs as is.
 */
export function withoutStyleTriggers<T>(cy: Core, fill: () => T): T {
  const style = cy.style() as unknown as StyleInternals;
  if (
    !cy.elements().empty() ||
    typeof style.checkTriggers !== 'function' ||
    Object.prototype.hasOwnProperty.call(style, 'checkTriggers')
  )
    return fill();
  style.checkTriggers = () => {};
  try {
    const result = fill();
    // Style is computed lazily: compute it now, inside the window, rather than in the first
    // frame with the triggers back on (reading one property applies an element's whole style).
    cy.elements().forEach((el) => void el.numericStyle('width'));
    // Bounds too, once, for the whole graph. The canvas renderer reads each element's bounds
    // while drawing, and computing a missing one emits a 'bounds' event for that element, which
    // re-queues it: the next frame recomputed the rendered style of every element and threw
    // away the textures the first frame had just drawn, so a 1,000-node mesh took two more
    // full-graph frames (~250 and ~280 ms in the graph-page benchmark's trace). Computed here,
    // before the first frame, the events land in the queue that frame flushes anyway.
    cy.batch(() => void cy.elements().boundingBox());
    return result;
  } finally {
    delete style.checkTriggers;
  }
}
