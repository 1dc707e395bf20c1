import type { Core } from 'cytoscape';

import { rendererInternals } from './cy-renderer';

/**
 * Makes `cy.resize()` a no-op while the container keeps its size. cytoscape calls it from its
 * own ResizeObserver, window `resize` listener and container MutationObserver, and each call
 * resizes every canvas and redraws the whole graph. The observer reports once when it starts
 * watching, so on a page that creates `cy` as the data arrives that first report came ~100 ms
 * after the first frame of a 1,000-node mesh and drew it all again (an 80–110 ms long task in the
 * graph-page benchmark). A real size change goes through as before.
 */
export function skipUnchangedResize(cy: Core): void {
  const resize = cy.resize.bind(cy);
  const sizeOf = () => {
    const c = cy.container();
    return c ? `${c.clientWidth}x${c.clientHeight}` : '';
  };
  // cytoscape sized its canvases to the container when it was created.
  let sized = sizeOf();
  cy.resize = () => {
    const now = sizeOf();
    if (now === sized) {
      // The container may have moved: pointer positions are read relative to it.
      invalidateClientCoords(cy);
      return cy;
    }
    sized = now;
    return resize();
  };
}

function invalidateClientCoords(cy: Core): void {
  rendererInternals<{ invalidateContainerClientCoordsCache?(): void }>(
    cy,
  )?.invalidateContainerClientCoordsCache?.();
}
