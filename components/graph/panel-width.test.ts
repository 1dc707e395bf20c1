import { describe, expect, it } from 'vitest';

import {
  clampPanelWidth,
  maxPanelWidth,
  PANEL_WIDTH,
  parsePanelWidth,
  widthAfterDrag,
  widthAfterKey,
} from './panel-width';

describe('panel width', () => {
  it('clamps to the limits and rounds to whole pixels', () => {
    expect(clampPanelWidth(10)).toBe(PANEL_WIDTH.min);
    expect(clampPanelWidth(5000)).toBe(PANEL_WIDTH.max);
    expect(clampPanelWidth(401.6)).toBe(402);
    expect(clampPanelWidth(600, 500)).toBe(500);
    expect(clampPanelWidth(Number.NaN)).toBe(PANEL_WIDTH.initial);
  });

  it('leaves the graph its minimum room on narrow screens', () => {
    expect(maxPanelWidth(1440)).toBe(PANEL_WIDTH.max);
    expect(maxPanelWidth(900)).toBe(540);
    // Never below the panel's own minimum, even when the screen cannot fit both.
    expect(maxPanelWidth(500)).toBe(PANEL_WIDTH.min);
    expect(maxPanelWidth(undefined)).toBe(PANEL_WIDTH.max);
  });

  it('reads a stored width and ignores junk', () => {
    expect(parsePanelWidth('520')).toBe(520);
    expect(parsePanelWidth('9999')).toBe(PANEL_WIDTH.max);
    expect(parsePanelWidth(null)).toBe(PANEL_WIDTH.initial);
    expect(parsePanelWidth('wide')).toBe(PANEL_WIDTH.initial);
    expect(parsePanelWidth('-40')).toBe(PANEL_WIDTH.initial);
  });

  it('moves the divider with the arrow keys: left widens the right-hand panel', () => {
    expect(widthAfterKey('ArrowLeft', false, 400)).toBe(400 + PANEL_WIDTH.step);
    expect(widthAfterKey('ArrowRight', false, 400)).toBe(400 - PANEL_WIDTH.step);
    expect(widthAfterKey('ArrowLeft', true, 400)).toBe(400 + PANEL_WIDTH.bigStep);
    expect(widthAfterKey('PageDown', false, 400)).toBe(400 - PANEL_WIDTH.bigStep);
    expect(widthAfterKey('Home', false, 400)).toBe(PANEL_WIDTH.min);
    expect(widthAfterKey('End', false, 400, 600)).toBe(600);
    expect(widthAfterKey('ArrowLeft', false, 595, 600)).toBe(600);
    expect(widthAfterKey('ArrowRight', false, PANEL_WIDTH.min)).toBe(PANEL_WIDTH.min);
    expect(widthAfterKey('Enter', false, 400)).toBeUndefined();
  });

  it('follows a drag: dragging left by 50 px widens the panel by 50 px', () => {
    expect(widthAfterDrag(380, 1000, 950)).toBe(430);
    expect(widthAfterDrag(380, 1000, 1200)).toBe(PANEL_WIDTH.min);
    expect(widthAfterDrag(380, 1000, 0, 700)).toBe(700);
  });
});
