import { describe, expect, it } from 'vitest';

import { unionOfShards } from './graph-answers';

describe('unionOfShards', () => {
  it('keeps the first series of each label set, whatever the label order', () => {
    const a = { labels: { le: '10', source_workload: 'x' }, value: 1 };
    const b = { labels: { source_workload: 'x', le: '10' }, value: 1 };
    const c = { labels: { le: '+Inf', source_workload: 'x' }, value: 2 };
    expect(unionOfShards([[a, c], [b]])).toEqual([a, c]);
    expect(unionOfShards([[a]])).toEqual([a]);
    expect(unionOfShards([])).toEqual([]);
  });
});
