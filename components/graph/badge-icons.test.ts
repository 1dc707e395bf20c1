import { describe, expect, it } from 'vitest';

import { BADGE_ICONS, BADGE_ORDER, badgeStrip, CHIP } from './badge-icons';

describe('badge icons', () => {
  it('draws nothing for nodes without drawn badges', () => {
    expect(badgeStrip([])).toBeUndefined();
    // Gateways and roots are shown by the node's own style, not a chip.
    expect(badgeStrip(['gateway', 'root'])).toBeUndefined();
  });

  it('lays chips side by side, problems first, whatever order the badges came in', () => {
    const s = badgeStrip(['trafficShifting', 'virtualService', 'configError'])!;
    expect(s.width).toBe(3 * CHIP + 2 * 2);
    expect(s.height).toBe(CHIP);
    const colours = [...s.svg.matchAll(/<rect width="14" height="14" rx="3" fill="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(colours).toEqual([
      BADGE_ICONS.configError.color,
      BADGE_ICONS.virtualService.color,
      BADGE_ICONS.trafficShifting.color,
    ]);
    expect(s.svg).toContain('translate(32 0)');
  });

  it('encodes a well-formed SVG as a data URI and caches it per combination', () => {
    const s = badgeStrip(['mirroring'])!;
    expect(s.uri.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(s.uri.split(',')[1])).toBe(s.svg);
    expect(s.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="14" height="14"/);
    expect(badgeStrip(['mirroring'])).toBe(s);
  });

  it('has an icon for every badge it orders', () => {
    for (const b of BADGE_ORDER) expect(BADGE_ICONS[b].glyph.length).toBeGreaterThan(10);
  });
});
