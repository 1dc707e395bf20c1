import cytoscape, { type Core } from 'cytoscape';
import { describe, expect, it } from 'vitest';

import { bookinfoGraph } from './__fixtures__/bookinfo-graph';
import { withoutStyleTriggers } from './cy-bulk-style';
import { scaledGraphStyle } from './cy-scale-style';
import { toCyElements } from './to-cy-elements';

// Boxes included: compound parents take cytoscape's other trigger path.
const elements = toCyElements(bookinfoGraph, {
  edgeLabels: 'rps',
  badges: true,
  boxBy: ['namespace', 'app'],
});

function graph(): Core {
  return cytoscape({
    headless: true,
    styleEnabled: true,
    style: scaledGraphStyle(false, { big: true, edgeLabels: true }),
  });
}

/** Adds the elements, placing nodes on a grid, and reads bounds (computing every style). */
function fill(cy: Core) {
  cy.add(elements.map((e) => ({ group: e.group, data: { ...e.data }, classes: e.classes })));
  cy.nodes(':childless').forEach((n, i) => {
    n.position({ x: (i % 5) * 80, y: Math.floor(i / 5) * 60 });
  });
  return cy.elements().boundingBox({});
}

const snapshot = (cy: Core) =>
  cy.elements().map((el) => ({ id: el.id(), style: el.style(), bb: el.boundingBox({}) }));

describe('withoutStyleTriggers', () => {
  it('computes the same style and bounds for a fresh graph as cytoscape does with triggers', () => {
    const normal = graph();
    const bulk = graph();
    const bbNormal = fill(normal);
    const bbBulk = withoutStyleTriggers(bulk, () => fill(bulk));
    expect(bbBulk).toEqual(bbNormal);
    expect(snapshot(bulk)).toEqual(snapshot(normal));
    expect(normal.nodes().length).toBeGreaterThan(10);
  });

  it('restores the triggers: a later class change still updates bounds', () => {
    const cy = graph();
    withoutStyleTriggers(cy, () => fill(cy));
    const node = cy.nodes('.t-app').first();
    const before = node.boundingBox({}).w;
    node.addClass('h-failure'); // a thicker border
    expect(node.boundingBox({}).w).toBeGreaterThan(before);
    expect(Object.prototype.hasOwnProperty.call(cy.style(), 'checkTriggers')).toBe(false);
  });

  it('leaves every bound computed, so the first frame re-queues nothing', () => {
    const cy = graph();
    withoutStyleTriggers(cy, () => {
      cy.add(elements.map((e) => ({ group: e.group, data: { ...e.data }, classes: e.classes })));
    });
    // The renderer reads each element's bounds while drawing; a missing one is computed then
    // and announced with a 'bounds' event, which makes the renderer redo that element.
    let announced = 0;
    cy.on('bounds', () => void announced++);
    cy.elements().forEach((el) => void el.boundingBox());
    expect(announced).toBe(0);
    expect(cy.elements().length).toBeGreaterThan(10);
  });

  it('leaves a graph that already has elements alone', () => {
    const cy = graph();
    fill(cy);
    let own = true;
    withoutStyleTriggers(cy, () => {
      own = Object.prototype.hasOwnProperty.call(cy.style(), 'checkTriggers');
    });
    expect(own).toBe(false);
  });
});
