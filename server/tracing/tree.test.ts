import { describe, expect, it } from 'vitest';

import { span } from './__fixtures__/make-span';
import { buildTraceTree } from './tree';

const ids = (spans: { spanId: string }[], order: number[]) => order.map((i) => spans[i].spanId);

describe('buildTraceTree', () => {
  it('orders rows in pre-order with siblings by start and subtree ends', () => {
    const spans = [
      span('c2', { parent: 'root', start: 50, dur: 10 }),
      span('root', { start: 0, dur: 100 }),
      span('c1', { parent: 'root', start: 10, dur: 30 }),
      span('g1', { parent: 'c1', start: 12, dur: 5 }),
    ];
    const t = buildTraceTree(spans);
    expect(ids(spans, t.order)).toEqual(['root', 'c1', 'g1', 'c2']);
    expect(t.depth).toEqual([0, 1, 2, 1]);
    expect(t.parentRow).toEqual([-1, 0, 1, 0]);
    expect(t.end).toEqual([4, 3, 3, 4]);
    expect(t.warnings).toEqual([]);
  });

  it('shows spans with a missing parent as flagged roots, in start order', () => {
    const spans = [
      span('root', { start: 0, dur: 100 }),
      span('lost', { parent: 'gone', start: 20, dur: 5 }),
      span('kid', { parent: 'lost', start: 21, dur: 2 }),
    ];
    const t = buildTraceTree(spans);
    expect(ids(spans, t.order)).toEqual(['root', 'lost', 'kid']);
    expect(t.parentRow).toEqual([-1, -1, 1]);
    expect(t.orphan).toEqual([false, true, false]);
    expect(t.spanWarnings[1][0]).toMatch(/parent span gone is not in the trace/);
    expect(t.warnings).toContain('1 spans have a parent missing from the trace');
  });

  it('attaches FOLLOWS_FROM children, prefers CHILD_OF, and never shifts async children', () => {
    const both = span('both', { parent: 'a', follows: 'b', start: 10, dur: 1 });
    both.references.reverse(); // FOLLOWS_FROM listed first: CHILD_OF still wins
    const spans = [
      span('a', { start: 0, dur: 50 }),
      span('b', { parent: 'a', start: 5, dur: 10 }),
      both,
      span('async', { follows: 'a', service: 'worker.ns', start: 200, dur: 30 }),
    ];
    const t = buildTraceTree(spans);
    expect(t.parentRow[t.order.indexOf(2)]).toBe(0);
    expect(t.followsFrom).toEqual([false, false, false, true]);
    expect(t.adjustedStartUs[3]).toBe(200_000);
  });

  it('corrects clock skew of a server span on another host, with its subtree', () => {
    const spans = [
      span('client', { service: 'productpage.bookinfo', kind: 'client', start: 100, dur: 40 }),
      // reviews' clock runs 1 s behind: its server span "starts" before the request was sent
      span('server', {
        parent: 'client',
        service: 'reviews.bookinfo',
        kind: 'server',
        start: -900,
        dur: 30,
      }),
      span('inner', { parent: 'server', service: 'reviews.bookinfo', start: -895, dur: 10 }),
    ];
    const t = buildTraceTree(spans);
    // Centred in the client: 100 + (40 - 30) / 2 = 105 ms; the child keeps its 5 ms offset.
    expect(t.adjustedStartUs).toEqual([100_000, 105_000, 110_000]);
    expect(t.spanWarnings[1][0]).toMatch(/clock skew adjusted: shifted by \+1005ms/);
    expect(t.spanWarnings[2]).toEqual([]);
    expect(t.warnings).toContain('clock skew adjusted on 1 spans');
  });

  it('leaves a child on the same host alone even when it overflows its parent', () => {
    const spans = [span('p', { start: 0, dur: 10 }), span('c', { parent: 'p', start: 5, dur: 20 })];
    expect(buildTraceTree(spans).adjustedStartUs).toEqual([0, 5_000]);
  });

  it('cuts reference cycles and keeps every span', () => {
    const spans = [
      span('x', { parent: 'y', start: 0, dur: 10 }),
      span('y', { parent: 'x', start: 1, dur: 5 }),
    ];
    const t = buildTraceTree(spans);
    expect(t.order).toHaveLength(2);
    expect(t.parentRow.filter((p) => p === -1)).toHaveLength(1);
    expect(t.warnings.join()).toMatch(/reference cycle/);
  });

  it('handles a 20,000-deep chain without recursion', () => {
    const spans = Array.from({ length: 20_000 }, (_, i) =>
      span(`s${i}`, { parent: i ? `s${i - 1}` : undefined, start: i, dur: 20_000 - i }),
    );
    const t = buildTraceTree(spans);
    expect(t.depth[19_999]).toBe(19_999);
    expect(t.end[0]).toBe(20_000);
  });
});
