import type { Core } from 'cytoscape';

/**
 * cytoscape's canvas renderer, typed as the parts a caller reaches into (its internals are not
 * in cytoscape's typings). Every such reach goes through here, and each caller checks that what
 * it uses exists, so a cytoscape version without it degrades to cytoscape's own behaviour.
 * Undefined when `cy` has no renderer (headless, or destroyed).
 */
export function rendererInternals<T extends object>(cy: Core): T | undefined {
  try {
    return (cy as unknown as { renderer(): T | undefined }).renderer() ?? undefined;
  } catch {
    return undefined;
  }
}
