import { describe, expect, it } from 'vitest';

import { formatClock, formatWindow } from './format';

describe('format', () => {
  it('names windows the way the duration menu does', () => {
    expect(formatWindow(60)).toBe('1m');
    expect(formatWindow(600)).toBe('10m');
    expect(formatWindow(5400)).toBe('90m');
    expect(formatWindow(10800)).toBe('3h');
    expect(formatWindow(86400)).toBe('1d');
    expect(formatWindow(45)).toBe('45s');
  });

  it('writes clock times on a 24-hour clock, so they keep one width', () => {
    const t = new Date(2026, 10, 22, 14, 5, 9).getTime() / 1000;
    expect(formatClock(t)).toMatch(/^14.05.09$/);
    const early = new Date(2026, 10, 22, 2, 15, 29).getTime() / 1000;
    expect(formatClock(early)).toMatch(/^02.15.29$/);
  });
});
