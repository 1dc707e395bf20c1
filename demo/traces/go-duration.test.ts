import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parseGoDuration } from './go-duration';
import { parseGoBool, parseGoInt, parseRfc3339Nano } from './go-strconv';

describe('parseGoDuration', () => {
  it.each([
    ['0', 0],
    ['+0', 0],
    ['-0', 0],
    ['5s', 5e9],
    ['30s', 30e9],
    ['1478s', 1478e9],
    ['-5s', -5e9],
    ['+5s', 5e9],
    ['5.0s', 5e9],
    ['5.6s', 5.6e9],
    ['5.s', 5e9],
    ['.5s', 0.5e9],
    ['1.004s', 1.004e9],
    ['100.00100s', 100.001e9],
    ['10ns', 10],
    ['11us', 11_000],
    ['12µs', 12_000],
    ['12μs', 12_000],
    ['13ms', 13e6],
    ['1.2ms', 1.2e6],
    ['14s', 14e9],
    ['15m', 15 * 60e9],
    ['16h', 16 * 3600e9],
    ['3h30m', 3.5 * 3600e9],
    ['10.5s4m', 4 * 60e9 + 10.5e9],
    ['-2m3.4s', -(2 * 60e9 + 3.4e9)],
    ['1h2m3s4ms5us6ns', 3600e9 + 2 * 60e9 + 3e9 + 4e6 + 5e3 + 6],
    ['39h9m14.425s', 39 * 3600e9 + 9 * 60e9 + 14.425e9],
    ['0.3333333333333333333h', 20 * 60e9],
  ])('parses %s', (input, ns) => {
    expect(parseGoDuration(input)).toBeCloseTo(ns, -1);
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['3', 'time: missing unit in duration "3"'],
    ['1000', 'time: missing unit in duration "1000"'],
    ['-', 'time: invalid duration "-"'],
    ['s', 'time: invalid duration "s"'],
    ['.', 'time: invalid duration "."'],
    ['-.', 'time: invalid duration "-."'],
    ['.s', 'time: invalid duration ".s"'],
    ['+.s', 'time: invalid duration "+.s"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['2x3s', 'time: unknown unit "x" in duration "2x3s"'],
    ['1 s', 'time: unknown unit " s" in duration "1 s"'],
    ['9223372036854775810ns', 'time: invalid duration "9223372036854775810ns"'],
    ['9223372037s', 'time: invalid duration "9223372037s"'],
    ['a"b', 'time: invalid duration "a\\"b"'],
  ])('rejects %j with Go’s message', (input, message) => {
    expect(() => parseGoDuration(input)).toThrow(message);
  });

  it('round-trips whole milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (ms) => {
        expect(parseGoDuration(`${ms}ms`)).toBe(ms * 1e6);
        expect(parseGoDuration(`${ms / 1000}s`)).toBeCloseTo(ms * 1e6, -1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('Go strconv', () => {
  it('parses ints like strconv.ParseInt', () => {
    expect(parseGoInt('-42', 64)).toBe(-42);
    expect(parseGoInt('+7', 32)).toBe(7);
    expect(() => parseGoInt('1.5', 64)).toThrow('strconv.ParseInt: parsing "1.5": invalid syntax');
    expect(() => parseGoInt('', 64)).toThrow('strconv.ParseInt: parsing "": invalid syntax');
    expect(() => parseGoInt('2147483648', 32)).toThrow(
      'strconv.ParseInt: parsing "2147483648": value out of range',
    );
  });

  it('parses bools like strconv.ParseBool', () => {
    expect(parseGoBool('T')).toBe(true);
    expect(parseGoBool('0')).toBe(false);
    expect(() => parseGoBool('yes')).toThrow('strconv.ParseBool: parsing "yes": invalid syntax');
  });

  it('parses RFC 3339 with nanoseconds and offsets', () => {
    expect(parseRfc3339Nano('2026-01-02T03:04:05Z')).toBe(1767323045000000000n);
    expect(parseRfc3339Nano('2026-01-02T03:04:05.123456789Z')).toBe(1767323045123456789n);
    expect(parseRfc3339Nano('2026-01-02T05:04:05.5+02:00')).toBe(1767323045500000000n);
    expect(() => parseRfc3339Nano('2026-01-02')).toThrow(
      'parsing time "2026-01-02" as "2006-01-02T15:04:05.999999999Z07:00"',
    );
    expect(() => parseRfc3339Nano('2026-02-30T00:00:00Z')).toThrow('day out of range');
  });
});
