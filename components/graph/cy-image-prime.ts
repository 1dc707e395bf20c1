import type { Core } from 'cytoscape';

import { rendererInternals } from './cy-renderer';

/** The part of cytoscape 3.x's canvas renderer used here (not in its typings). */
interface ImageCacheRenderer {
  getCachedImage?(url: string, crossOrigin: string, onLoad: () => void): unknown;
}

/**
 * Starts loading background images (the badge strips) into cytoscape's image cache before the
 * elements that use them are added. cytoscape otherwise asks for an image when it first draws
 * the element, draws it without, and redraws the whole graph when the image arrives: on a
 * 1,000-node mesh that second full frame was an 80–110 ms long task right after the first one
 * (the graph-page benchmark). Requested first, the (data URI) images are in by the first frame.
 * If a cytoscape version lacks the cache this does nothing and it draws as before.
 */
export function primeImages(cy: Core, urls: Iterable<string>): void {
  const r = rendererInternals<ImageCacheRenderer>(cy);
  if (typeof r?.getCachedImage !== 'function') return;
  // Cached per URL: asking again for a known image is a lookup.
  for (const url of urls) r.getCachedImage(url, 'anonymous', () => undefined);
}
