import { describe, expect, it } from 'vitest';

import { parseGoDuration } from './go-duration';
import { parseLogfmt } from './logfmt';
import { resolveSearch } from './traces';

describe('search input', () => {
  it('parses Go durations to µs and rejects bare numbers', () => {
    expect(parseGoDuration('1.5s')).toBe(1_500_000);
    expect(parseGoDuration('100ms')).toBe(100_000);
    expect(parseGoDuration('1m30s')).toBe(90_000_000);
    expect(parseGoDuration('500us')).toBe(500);
    expect(parseGoDuration('1000')).toBeUndefined();
    expect(parseGoDuration('fast')).toBeUndefined();
  });

  it('parses logfmt tags with quotes', () => {
    expect(parseLogfmt('error=true http.url="/a b" x=')).toEqual({
      tags: { error: 'true', 'http.url': '/a b', x: '' },
    });
    expect(parseLogfmt('error')).toEqual({
      error: 'tags: "error" is not key=value (use logfmt, e.g. error=true)',
    });
  });

  it('resolves a lookback window ending now', () => {
    const now = 1_700_000_000_000_000;
    expect(resolveSearch({ service: 's', lookback: '15m' }, now)).toMatchObject({
      startUs: now - 900_000_000,
      endUs: now,
      limit: 20,
      tags: {},
    });
  });

  it('rejects bad durations and windows with a clear message', () => {
    expect(() => resolveSearch({ minDuration: '1000' })).toThrow(
      /minDuration: "1000" is not a duration/,
    );
    expect(() => resolveSearch({ minDuration: '2s', maxDuration: '1s' })).toThrow(
      /maxDuration must not be less/,
    );
    expect(() => resolveSearch({ start: 10, end: 5 })).toThrow(/start must be before end/);
    expect(() => resolveSearch({ tags: 'oops' })).toThrow(/not key=value/);
  });
});
