import { describe, expect, it } from 'vitest';

import { availabilityHealth, requestHealth, worst } from './health';

const r = (total: number, http4xx = 0, http5xx = 0, noResponse = 0) => ({
  total,
  http4xx,
  http5xx,
  noResponse,
});

describe("Kiali's default health thresholds", () => {
  it('server errors: degraded above 0, failure from 10 %', () => {
    expect(requestHealth(r(1000))).toBe('healthy');
    expect(requestHealth(r(1000, 0, 1))).toBe('degraded');
    expect(requestHealth(r(100, 0, 9.99))).toBe('degraded');
    expect(requestHealth(r(100, 0, 10))).toBe('failure');
    expect(requestHealth(r(100, 0, 0, 10))).toBe('failure');
    expect(requestHealth(r(100, 0, 5, 5))).toBe('failure');
  });

  it('client errors: degraded from 10 %, failure from 20 %', () => {
    expect(requestHealth(r(100, 9.9))).toBe('healthy');
    expect(requestHealth(r(100, 10))).toBe('degraded');
    expect(requestHealth(r(100, 19.9))).toBe('degraded');
    expect(requestHealth(r(100, 20))).toBe('failure');
  });

  it('no traffic is idle', () => {
    expect(requestHealth(r(0))).toBe('idle');
  });

  it('availability and merging: the worse wins', () => {
    expect(availabilityHealth({ desired: 0, available: 0 })).toBe('idle');
    expect(availabilityHealth({ desired: 3, available: 0 })).toBe('failure');
    expect(availabilityHealth({ desired: 3, available: 2 })).toBe('degraded');
    expect(availabilityHealth({ desired: 3, available: 3 })).toBe('healthy');
    expect(worst('healthy', 'degraded')).toBe('degraded');
    expect(worst('failure', 'degraded', 'healthy')).toBe('failure');
    expect(worst('idle', 'healthy')).toBe('healthy');
    expect(worst()).toBe('unknown');
  });
});
