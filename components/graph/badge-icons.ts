import type { NodeBadge } from '@/server/model/graph';

/**
 * Node badges as small icons: a 14 px chip per badge, white glyph on a coloured square, joined
 * into one SVG strip that cytoscape draws above the node as a background image (so a thousand
 * nodes cost one cached image per badge combination, not a DOM overlay each). The same chips
 * serve the legend and the SVG export. Glyphs are our own simple paths, not an icon font, so
 * they render the same offline and in headless browsers.
 */

/** The badges drawn on nodes; `gateway` and `root` are shown by the node's own styling. */
export type DrawnBadge = Exclude<NodeBadge, 'gateway' | 'root'>;

interface BadgeIcon {
  /** What the badge means, for the legend and tooltips. */
  title: string;
  /** Chip colour: red for errors, orange for a missing sidecar, indigo for Istio config. */
  color: string;
  /** SVG elements drawn in a 14 × 14 box, stroked white unless they set their own fill. */
  glyph: string;
}

const CONFIG = '#4c6ef5';

export const BADGE_ICONS: Record<DrawnBadge, BadgeIcon> = {
  configError: {
    title: 'Config error',
    color: '#e03131',
    glyph: '<path d="M7 3.2v4.8"/><circle cx="7" cy="10.4" r="1" fill="#fff" stroke="none"/>',
  },
  missingSidecar: {
    title: 'Missing sidecar',
    color: '#e8590c',
    glyph: '<circle cx="7" cy="7" r="4"/><path d="M4.2 9.8l5.6-5.6"/>',
  },
  virtualService: {
    title: 'VirtualService',
    color: CONFIG,
    glyph: '<path d="M7 11.5V7M7 7L3.8 3.5M7 7l3.2-3.5"/>',
  },
  trafficShifting: {
    title: 'Traffic shifting',
    color: CONFIG,
    glyph:
      '<path d="M10.5 3.5l-7 7"/><circle cx="4.3" cy="4.3" r="1.4"/><circle cx="9.7" cy="9.7" r="1.4"/>',
  },
  requestRouting: {
    title: 'Request routing',
    color: CONFIG,
    glyph: '<path d="M3.5 11.5V7.5a3 3 0 0 1 3-3h4.5M9 2.5l2 2-2 2"/>',
  },
  faultInjection: {
    title: 'Fault injection',
    color: CONFIG,
    glyph: '<path d="M8 1.8L3.8 7.8h3l-.8 4.4 4.2-6h-3z" fill="#fff" stroke-width="0.6"/>',
  },
  requestTimeout: {
    title: 'Request timeout',
    color: CONFIG,
    glyph: '<circle cx="7" cy="7" r="4.3"/><path d="M7 4.6V7l1.8 1.3"/>',
  },
  mirroring: {
    title: 'Mirroring',
    color: CONFIG,
    glyph: '<rect x="2.5" y="5" width="5.5" height="5.5" rx="0.8"/><path d="M6 3h5.5v5.5"/>',
  },
  circuitBreaker: {
    title: 'Circuit breaker',
    color: CONFIG,
    glyph: '<path d="M1.8 8.5h2.7l4.2-3.6M9.5 8.5h2.7"/><circle cx="9.5" cy="8.5" r="0.6"/>',
  },
};

/** Drawing order: problems first, then config in a fixed order, so a strip reads the same way. */
export const BADGE_ORDER = Object.keys(BADGE_ICONS) as DrawnBadge[];

export const CHIP = 14;
const GAP = 2;

function chip(badge: DrawnBadge, x: number): string {
  const icon = BADGE_ICONS[badge];
  return (
    `<g transform="translate(${x} 0)"><rect width="${CHIP}" height="${CHIP}" rx="3" fill="${icon.color}"/>` +
    `<g fill="none" stroke="#fff" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round">${icon.glyph}</g></g>`
  );
}

export interface BadgeStrip {
  /** A standalone SVG document of the chips side by side. */
  svg: string;
  /** The same as a data: URI, for cytoscape's background-image and an SVG <image>. */
  uri: string;
  width: number;
  height: number;
}

const cache = new Map<string, BadgeStrip>();

/** The icon strip for a node's badges, or undefined when none of them is drawn. */
export function badgeStrip(badges: readonly NodeBadge[]): BadgeStrip | undefined {
  const drawn = BADGE_ORDER.filter((b) => badges.includes(b));
  if (drawn.length === 0) return undefined;
  const key = drawn.join(',');
  const hit = cache.get(key);
  if (hit) return hit;
  const width = drawn.length * CHIP + (drawn.length - 1) * GAP;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${CHIP}" viewBox="0 0 ${width} ${CHIP}">` +
    drawn.map((b, i) => chip(b, i * (CHIP + GAP))).join('') +
    '</svg>';
  const strip = {
    svg,
    uri: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
    width,
    height: CHIP,
  };
  cache.set(key, strip);
  return strip;
}
