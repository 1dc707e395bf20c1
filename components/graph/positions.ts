/**
 * Position helpers that do not need cytoscape: pinned positions (remembered per namespace set in
 * localStorage) and where to put a node that appears on refresh (near its neighbours, so the
 * rest of the graph does not move).
 */

export interface Point {
  x: number;
  y: number;
}

export type Pins = Record<string, Point>;

const PREFIX = 'meshscope.graph.pins.';

/** One storage key per namespace set and graph type: ids differ between graph types. */
export function pinKey(namespaces: string[], graphType: string): string {
  return `${PREFIX}${graphType}:${[...namespaces].sort().join(',')}`;
}

export function loadPins(storage: Pick<Storage, 'getItem'> | undefined, key: string): Pins {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return {};
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object') return {};
    const out: Pins = {};
    for (const [id, p] of Object.entries(parsed as Record<string, unknown>)) {
      const pt = p as Partial<Point> | null;
      if (pt && Number.isFinite(pt.x) && Number.isFinite(pt.y)) out[id] = { x: pt.x!, y: pt.y! };
    }
    return out;
  } catch {
    // A corrupt entry must not break the page; it is simply ignored.
    return {};
  }
}

export function savePins(
  storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined,
  key: string,
  pins: Pins,
) {
  try {
    if (Object.keys(pins).length === 0) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(pins));
  } catch {
    // Storage full or disabled: pins are a convenience, not state worth failing over.
  }
}

/**
 * Where a new node goes: the mean of its already-placed neighbours plus a small offset that
 * depends on how many nodes were placed there before (so siblings do not stack); with no placed
 * neighbour, just right of the graph's bounding box.
 */
export function placeNear(
  neighbours: Point[],
  bbox: { x2: number; y1: number; y2: number } | null,
  index: number,
): Point {
  if (neighbours.length > 0) {
    const cx = neighbours.reduce((s, p) => s + p.x, 0) / neighbours.length;
    const cy = neighbours.reduce((s, p) => s + p.y, 0) / neighbours.length;
    const angle = index * 2.4; // golden-angle steps spread siblings evenly
    return { x: cx + 70 + 20 * Math.cos(angle), y: cy + 50 * Math.sin(angle) };
  }
  if (!bbox) return { x: index * 80, y: 0 };
  return { x: bbox.x2 + 90, y: bbox.y1 + ((index * 70) % Math.max(70, bbox.y2 - bbox.y1 + 70)) };
}
