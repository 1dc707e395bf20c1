import { describe, expect, it } from 'vitest';

import { scaledGraphStyle } from './cy-scale-style';
import { graphStyle } from './cy-style';

type Block = { selector: string; style: Record<string, unknown> };
const blocks = (big: boolean, edgeLabels: boolean) =>
  scaledGraphStyle(false, { big, edgeLabels }) as Block[];
const props = (style: Block[], selector: string) =>
  Object.assign({}, ...style.filter((b) => b.selector === selector).map((b) => b.style)) as Record<
    string,
    unknown
  >;

describe('scaledGraphStyle', () => {
  it('leaves a small mesh with the full style', () => {
    expect(blocks(false, false)).toEqual(graphStyle(false));
  });

  it('draws a big mesh with haystack edges and no edge text when no label is shown', () => {
    const edge = props(blocks(true, false), 'edge');
    expect(edge['curve-style']).toBe('haystack');
    expect(Object.keys(edge).filter((k) => /^(label|font-|text-)/.test(k))).toEqual([]);
    // Colour by health stays.
    expect(props(blocks(true, false), 'edge.h-failure')['line-color']).toBeDefined();
  });

  it('keeps edge labels on a big mesh when a label mode is on, and node labels always', () => {
    expect(props(blocks(true, true), 'edge').label).toBe('data(label)');
    const node = props(blocks(true, false), 'node');
    expect(node.label).toBe('data(label)');
    expect(node['text-background-opacity']).toBeUndefined();
  });
});
