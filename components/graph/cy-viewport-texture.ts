import type { Core } from 'cytoscape';

import { rendererInternals } from './cy-renderer';

/**
 * The parts of cytoscape 3.x's canvas renderer this module touches (not in its typings).
 */
interface CanvasRendererInternals {
  textureMult?: number;
  canvasWidth?: number;
  canvasHeight?: number;
  TEXTURE_BUFFER?: number;
  data?: { bufferCanvases?: HTMLCanvasElement[] };
  matchCanvasSize?: (container: HTMLElement) => void;
  /** Ours: whether the texture is held at 1×. */
  meshscopeSingleTexture?: boolean;
}

function shrink(r: CanvasRendererInternals) {
  const canvas = r.data?.bufferCanvases?.[r.TEXTURE_BUFFER ?? -1];
  if (!canvas || !r.canvasWidth || !r.canvasHeight || r.textureMult === 1) return;
  r.textureMult = 1;
  canvas.width = r.canvasWidth;
  canvas.height = r.canvasHeight;
}

/**
 * Whether cytoscape's pan/zoom texture (`textureOnViewport`) is drawn at the canvas's own
 * resolution. On screens with devicePixelRatio ≤ 1 cytoscape renders that texture at twice the
 * resolution — four times the pixels — when a drag or wheel gesture starts, so zooming in
 * mid-gesture stays crisp. On a 1,000-node mesh with software rendering that first frame took
 * 0.5–0.8 s and dominated the pan/zoom frame rate (the graph-page benchmark); at 1× it takes
 * about half. The graph is redrawn sharply when the gesture ends either way.
 *
 * This reaches into renderer internals (`textureMult`, the texture buffer canvas, and
 * `matchCanvasSize`, which resets them on resize); if a cytoscape version lacks them it does
 * nothing.
 */
export function setSingleResolutionTexture(cy: Core, single: boolean): void {
  const r = rendererInternals<CanvasRendererInternals>(cy);
  if (!r || typeof r.matchCanvasSize !== 'function') return;
  if (!Object.prototype.hasOwnProperty.call(r, 'matchCanvasSize')) {
    const original = r.matchCanvasSize;
    r.matchCanvasSize = function (this: CanvasRendererInternals, container: HTMLElement) {
      original.call(this, container);
      if (this.meshscopeSingleTexture) shrink(this);
    };
  }
  if (r.meshscopeSingleTexture === single) return;
  r.meshscopeSingleTexture = single;
  const container = cy.container();
  if (single) shrink(r);
  else if (container) r.matchCanvasSize(container); // restores cytoscape's own sizes
}
