import type { Core } from 'cytoscape';
import { describe, expect, it } from 'vitest';

import { skipUnchangedResize } from './cy-resize-guard';

/** A stand-in for the parts of cy the guard touches: its container's size and resize(). */
function fakeCy() {
  const box = { clientWidth: 800, clientHeight: 600 };
  const calls = { resize: 0, invalidated: 0 };
  const cy = {
    container: () => box,
    resize() {
      calls.resize++;
      return cy;
    },
    renderer: () => ({ invalidateContainerClientCoordsCache: () => calls.invalidated++ }),
  };
  return { cy: cy as unknown as Core, box, calls };
}

describe('skipUnchangedResize', () => {
  it('skips a resize while the container keeps its size, but forgets where it was', () => {
    const { cy, calls } = fakeCy();
    skipUnchangedResize(cy);
    expect(cy.resize()).toBe(cy);
    expect(calls).toEqual({ resize: 0, invalidated: 1 });
  });

  it('lets each real size change through once', () => {
    const { cy, box, calls } = fakeCy();
    skipUnchangedResize(cy);
    box.clientWidth = 640;
    cy.resize();
    cy.resize();
    box.clientHeight = 500;
    cy.resize();
    expect(calls.resize).toBe(2);
  });
});
