import { describe, expect, it } from 'vitest';

import { unionOfShards } from './graph-answers';

describe('unionOfShards', () => {
  const unanswered = { reporter: 'source', destination_workload: 'unknown' };

  it('keeps the first of the series two shards both select, whatever the label order', () => {
    const a = { labels: { ...unanswered, le: '10', source_workload: 'x' }, value: 1 };
    const b = { labels: { le: '10', source_workload: 'x', ...unanswered }, value: 1 };
    const c = { labels: { ...unanswered, le: '+Inf', source_workload: 'x' }, value: 2 };
    expect(unionOfShards([[a, c], [b]])).toEqual([a, c]);
    expect(unionOfShards([[a]])).toEqual([a]);
    expect(unionOfShards([])).toEqual([]);
  });

  it('passes every other series through (the shards cannot both select them)', () => {
    const d = { labels: { reporter: 'destination', le: '10' }, value: 1 };
    expect(unionOfShards([[d], [d]])).toEqual([d, d]);
  });
});
