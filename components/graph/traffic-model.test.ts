import { describe, expect, it } from 'vitest';

import {
  BASE_SPEED,
  calibrationScale,
  DOT_TCP,
  MAX_DOTS_PER_EDGE,
  ParticleSystem,
  spawnIntervalMs,
  speedFactor,
} from './traffic-model';

describe('traffic animation maths', () => {
  it('spawns one dot per second at 1 rps and clamps the interval', () => {
    expect(spawnIntervalMs(1, 'http', 1)).toBe(1000);
    expect(spawnIntervalMs(10, 'grpc', 1)).toBe(100);
    expect(spawnIntervalMs(1000, 'http', 1)).toBe(40);
    expect(spawnIntervalMs(0.01, 'http', 1)).toBe(5000);
    expect(spawnIntervalMs(0, 'http', 1)).toBe(Infinity);
    expect(spawnIntervalMs(20, 'tcp', 1)).toBe(1000);
  });

  it('calibrates only past 50 rps, sub-linearly for very busy meshes', () => {
    expect(calibrationScale(10)).toBe(1);
    expect(calibrationScale(100)).toBe(4);
    expect(calibrationScale(10_000)).toBeLessThan(400);
  });

  it('slows dots as response time grows, with a floor', () => {
    expect(speedFactor(0, 'http')).toBe(2);
    expect(speedFactor(20, 'http')).toBeGreaterThan(speedFactor(200, 'http'));
    expect(speedFactor(200, 'http')).toBeCloseTo(1);
    expect(speedFactor(1e9, 'http')).toBe(0.1);
    expect(speedFactor(500, 'tcp')).toBe(1);
  });
});

describe('ParticleSystem', () => {
  const run = (ps: ParticleSystem, ms: number, lengths: number[], dt = 16) => {
    for (let t = 0; t < ms; t += dt) ps.step(dt, lengths);
  };

  it('keeps density proportional to rate', () => {
    const ps = new ParticleSystem();
    ps.setEdges(
      ['a', 'b'],
      [
        { rate: 2, protocol: 'http', errorRate: 0, rtMs: 200 },
        { rate: 8, protocol: 'http', errorRate: 0, rtMs: 200 },
      ],
    );
    run(ps, 10_000, [200, 200]);
    let a = 0;
    let b = 0;
    for (let i = 0; i < ps.count; i++) {
      if (ps.edge[i] === 0) a++;
      else b++;
    }
    // travel 200 / 0.1 = 2000 ms → ~4 dots at 2 rps, ~16 at 8 rps.
    expect(a).toBeGreaterThanOrEqual(3);
    expect(a).toBeLessThanOrEqual(5);
    expect(b / a).toBeGreaterThan(3);
    for (let i = 0; i < ps.count; i++) expect(ps.t[i]).toBeLessThan(1);
    expect(BASE_SPEED).toBeGreaterThan(0);
  });

  it('colours exactly the error share of dots red', () => {
    const ps = new ParticleSystem();
    ps.setEdges(['a'], [{ rate: 10, protocol: 'http', errorRate: 0.2, rtMs: 0 }]);
    run(ps, 60_000, [300], 20);
    const { spawned, spawnedErrors: errors } = ps;
    expect(spawned).toBeGreaterThan(100);
    expect(errors / spawned).toBeCloseTo(0.2, 2);
  });

  it('draws tcp dots with a scatter offset and caps dots per edge', () => {
    const ps = new ParticleSystem();
    ps.setEdges(['t'], [{ rate: 1e6, protocol: 'tcp', errorRate: 0, rtMs: 0 }]);
    run(ps, 20_000, [5000], 50);
    expect(ps.count).toBeLessThanOrEqual(MAX_DOTS_PER_EDGE + 1);
    expect(ps.kind[0]).toBe(DOT_TCP);
    expect(Math.abs(ps.offset[0])).toBeLessThanOrEqual(4);
  });

  it('keeps dots of surviving edges across setEdges and drops removed ones', () => {
    const ps = new ParticleSystem();
    const e = { rate: 5, protocol: 'http' as const, errorRate: 0, rtMs: 100 };
    ps.setEdges(['a', 'b'], [e, e]);
    run(ps, 3000, [300, 300]);
    const onB = Array.from(ps.edge.subarray(0, ps.count)).filter((x) => x === 1).length;
    expect(onB).toBeGreaterThan(0);
    ps.setEdges(['b'], [e]);
    expect(ps.count).toBe(onB);
    expect(Array.from(ps.edge.subarray(0, ps.count)).every((x) => x === 0)).toBe(true);
    ps.setEdges(['b'], [{ ...e, rate: 0 }]);
    expect(ps.count).toBe(0);
  });

  it('never exceeds its capacity', () => {
    const ps = new ParticleSystem(50);
    const ids = Array.from({ length: 100 }, (_, i) => `e${i}`);
    ps.setEdges(
      ids,
      ids.map(() => ({ rate: 100, protocol: 'http' as const, errorRate: 0, rtMs: 0 })),
    );
    run(
      ps,
      2000,
      ids.map(() => 500),
    );
    expect(ps.count).toBeLessThanOrEqual(50);
  });
});
