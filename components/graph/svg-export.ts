/**
 * A small SVG serializer for the graph export: cytoscape only renders PNG/JPG, and the SVG
 * extensions are unmaintained, so we draw what the graph shows ourselves from a plain snapshot
 * (positions, shapes, colours, labels). Pure, so it is tested without a DOM.
 */

export interface SvgNode {
  x: number;
  y: number;
  w: number;
  h: number;
  shape: string;
  label: string;
  /** Boxes carry their label above the frame; nodes below the shape. */
  labelAbove?: boolean;
  /** The badge icon strip (an SVG data: URI) drawn above the shape, as on screen. */
  badges?: string;
  badgeWidth?: number;
  stroke: string;
  fill: string;
  dashed: boolean;
  opacity: number;
}

export interface SvgEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
  dashed: boolean;
  label: string;
  opacity: number;
}

export interface SvgSnapshot {
  nodes: SvgNode[];
  edges: SvgEdge[];
  background: string;
  text: string;
}

export function escapeXml(s: string): string {
  return s.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

const r1 = (v: number) => Math.round(v * 10) / 10;

function shapePath(n: SvgNode): string {
  const { x, y } = n;
  const w = n.w / 2;
  const h = n.h / 2;
  switch (n.shape) {
    case 'ellipse':
      return `<ellipse cx="${r1(x)}" cy="${r1(y)}" rx="${r1(w)}" ry="${r1(h)}"`;
    case 'diamond':
      return `<polygon points="${r1(x)},${r1(y - h)} ${r1(x + w)},${r1(y)} ${r1(x)},${r1(y + h)} ${r1(x - w)},${r1(y)}"`;
    case 'rhomboid':
      return `<polygon points="${r1(x - w / 2)},${r1(y - h)} ${r1(x + w)},${r1(y - h)} ${r1(x + w / 2)},${r1(y + h)} ${r1(x - w)},${r1(y + h)}"`;
    default:
      return `<rect x="${r1(x - w)}" y="${r1(y - h)}" width="${r1(n.w)}" height="${r1(n.h)}" rx="4"`;
  }
}

/** Where cytoscape draws the strip: centred, its top 19 px above the shape (cy-style.ts). */
export const BADGE_OFFSET_Y = 19;

function badgeImage(n: SvgNode): string {
  if (!n.badges || !n.badgeWidth) return '';
  const x = n.x - n.badgeWidth / 2;
  const y = n.y - n.h / 2 - BADGE_OFFSET_Y;
  return `<image href="${escapeXml(n.badges)}" x="${r1(x)}" y="${r1(y)}" width="${n.badgeWidth}" height="14"/>`;
}

function textLines(x: number, y: number, label: string, size: number, color: string): string {
  if (!label) return '';
  const lines = label.split('\n');
  const tspans = lines
    .map((l, i) => `<tspan x="${r1(x)}" dy="${i === 0 ? 0 : size + 2}">${escapeXml(l)}</tspan>`)
    .join('');
  return `<text x="${r1(x)}" y="${r1(y)}" font-size="${size}" fill="${color}" text-anchor="middle">${tspans}</text>`;
}

export function toSvg(s: SvgSnapshot): string {
  const pad = 40;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const n of s.nodes) {
    x1 = Math.min(x1, n.x - n.w / 2 - 60);
    x2 = Math.max(x2, n.x + n.w / 2 + 60);
    y1 = Math.min(y1, n.y - n.h / 2 - (n.labelAbove ? 16 : n.badges ? BADGE_OFFSET_Y : 0));
    y2 = Math.max(y2, n.y + n.h / 2 + 40);
  }
  if (!Number.isFinite(x1)) [x1, y1, x2, y2] = [0, 0, 100, 100];
  const vb = [x1 - pad, y1 - pad, x2 - x1 + 2 * pad, y2 - y1 + 2 * pad].map(r1);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${vb.join(' ')}" width="${vb[2]}" height="${vb[3]}" font-family="Inter, system-ui, sans-serif">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>`,
    `<rect x="${vb[0]}" y="${vb[1]}" width="${vb[2]}" height="${vb[3]}" fill="${s.background}"/>`,
  ];
  for (const e of s.edges) {
    const dash = e.dashed ? ' stroke-dasharray="5 4"' : '';
    out.push(
      `<line x1="${r1(e.x1)}" y1="${r1(e.y1)}" x2="${r1(e.x2)}" y2="${r1(e.y2)}" stroke="${e.color}" stroke-width="1.6"${dash} marker-end="url(#arrow)" opacity="${e.opacity}"/>`,
    );
  }
  for (const e of s.edges) {
    if (e.label) out.push(textLines((e.x1 + e.x2) / 2, (e.y1 + e.y2) / 2 - 3, e.label, 9, s.text));
  }
  for (const n of s.nodes) {
    const dash = n.dashed ? ' stroke-dasharray="4 3"' : '';
    out.push(
      `<g opacity="${n.opacity}">${shapePath(n)} fill="${n.fill}" stroke="${n.stroke}" stroke-width="2"${dash}/>${badgeImage(n)}${textLines(n.x, n.labelAbove ? n.y - n.h / 2 - 5 : n.y + n.h / 2 + 13, n.label, 10, s.text)}</g>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
