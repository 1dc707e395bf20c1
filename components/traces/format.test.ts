import { describe, expect, it } from 'vitest';

import { formatAgo, formatDuration, jaegerServiceName, shortService } from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0µs'],
    [850, '850µs'],
    [999, '999µs'],
    [1_000, '1ms'],
    [1_234, '1.23ms'],
    [12_345, '12.3ms'],
    [123_456, '123ms'],
    [999_700, '1s'],
    [4_500_000, '4.5s'],
    [12_340_000, '12.3s'],
    [125_000_000, '2m 5s'],
    [3_720_000_000, '1h 2m'],
    [-1_500, '-1.5ms'],
  ])('%d µs → %s', (us, text) => {
    expect(formatDuration(us)).toBe(text);
  });

  it('says – for non-numbers', () => {
    expect(formatDuration(Number.NaN)).toBe('–');
  });
});

describe('names and times', () => {
  it('splits and joins Istio service names', () => {
    expect(shortService('istio-ingressgateway.istio-system')).toBe('istio-ingressgateway');
    expect(shortService('frontend')).toBe('frontend');
    expect(jaegerServiceName('reviews', 'bookinfo')).toBe('reviews.bookinfo');
  });

  it('formats relative times', () => {
    const now = 1_700_000_000_000;
    expect(formatAgo(now * 1_000 - 5_000_000, now)).toBe('5s ago');
    expect(formatAgo(now * 1_000 - 300_000_000, now)).toBe('5m ago');
    expect(formatAgo(now * 1_000 - 7_200_000_000, now)).toBe('2h ago');
  });
});
