'use client';

import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { useEffect, useRef } from 'react';

import { withoutStyleTriggers } from './cy-bulk-style';
import { primeImages } from './cy-image-prime';
import { BIG_GRAPH, fitGraph, runLayout } from './cy-layout';
import { skipUnchangedResize } from './cy-resize-guard';
import { scaledGraphStyle } from './cy-scale-style';
import { setSingleResolutionTexture } from './cy-viewport-texture';
import type { LayoutName } from './graph-url-state';
import { loadPins, placeNear, type Point, savePins } from './positions';
import { badgeImagesOf, type CyElement } from './to-cy-elements';

// Extensions register once per module load, never per render.
cytoscape.use(fcose);

export interface CyGraphProps {
  elements: CyElement[];
  layout: LayoutName;
  /** Positions and pins are scoped by this key (namespace set + graph type). */
  scopeKey: string;
  dark: boolean;
  selected?: string;
  /** Bumped to force a fresh layout (the "Re-layout" button). */
  relayoutToken: number;
  onSelect: (id: string | undefined) => void;
  /** Receives the `cy` instance after creation and `null` on destroy (animation, export). */
  onReady?: (cy: Core | null) => void;
}

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const k in b) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * The one cytoscape wrapper: creates `cy` once on a div React never re-renders, applies element
 * updates as an id diff inside `cy.batch()` (existing nodes keep their positions; new ones are
 * placed next to their neighbours), and destroys it on unmount. Load via `next/dynamic` with
 * `ssr: false`: cytoscape needs a DOM.
 */
export function CyGraph(props: CyGraphProps) {
  const { elements, layout, scopeKey, dark, selected, relayoutToken } = props;
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const callbacks = useRef(props);
  const laidOut = useRef<{ scope: string; layout: LayoutName; token: number } | null>(null);
  /** Cancels a layout still running in the worker (superseded or unmounted). */
  const cancelLayout = useRef<() => void>(() => {});

  useEffect(() => {
    callbacks.current = props;
  });

  // Create once.
  useEffect(() => {
    const cy = cytoscape({
      container: container.current,
      style: scaledGraphStyle(false, { big: false, edgeLabels: false }),
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      // Pan and zoom move a cached bitmap instead of redrawing thousands of labelled elements
      // each frame; the graph is redrawn sharply when the gesture ends.
      textureOnViewport: true,
      motionBlur: false,
      // Not cytoscape's WebGL renderer (`renderer: { name: 'canvas', webgl: true }`): under the
      // software WebGL (SwiftShader) of a GPU-less browser it left a 1,000-node mesh busy for
      // 11–21 s after the data instead of ~3.4 s (graph-page benchmark: label atlases and texture
      // uploads share the CPU), and its gain on a real GPU could not be measured here.
    });
    cyRef.current = cy;
    skipUnchangedResize(cy);
    cy.on('tap', (evt) => {
      const target = evt.target as Core | cytoscape.SingularElementArgument;
      callbacks.current.onSelect(
        target === cy ? undefined : (target as cytoscape.SingularElementArgument).id(),
      );
    });
    cy.on('dragfree', 'node', (evt) => {
      const key = callbacks.current.scopeKey;
      const pins = loadPins(window.localStorage, key);
      const n = evt.target as cytoscape.NodeSingular;
      // A box's position is derived from its children, which are pinned on their own.
      if (n.isParent()) return;
      pins[n.id()] = { ...n.position() };
      savePins(window.localStorage, key, pins);
    });
    callbacks.current.onReady?.(cy);
    return () => {
      cancelLayout.current();
      callbacks.current.onReady?.(null);
      cy.destroy();
      cyRef.current = null;
    };
  }, []);

  // Restyle when the scheme changes or the graph crosses the big-graph size or starts/stops
  // showing edge labels (before its elements are added, so their style is computed once).
  let nodeCount = 0;
  let edgeLabels = false;
  for (const e of elements)
    if (e.group === 'nodes') nodeCount++;
    else if ((e.data as { label?: string }).label) edgeLabels = true;
  const big = nodeCount > BIG_GRAPH;
  useEffect(() => {
    cyRef.current?.style(scaledGraphStyle(dark, { big, edgeLabels }));
  }, [dark, big, edgeLabels]);
  useEffect(() => {
    if (cyRef.current) setSingleResolutionTexture(cyRef.current, big);
  }, [big]);

  // Apply elements as a diff; lay out on first data, scope change, layout change or request.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    // On first data every element is new and its style is computed once (by the fit): without
    // cytoscape's per-property invalidation, which has nothing to invalidate yet.
    primeImages(cy, badgeImagesOf(elements));
    withoutStyleTriggers(cy, () => {
      const wanted = new Map(elements.map((e) => [e.data.id, e]));
      const added: string[] = [];
      cy.batch(() => {
        cy.elements().forEach((el) => {
          if (wanted.has(el.id()) || el.removed()) return;
          // Removing a box (compound parent) would take its children with it: free them first.
          if (el.isNode() && el.isParent()) el.children().move({ parent: null });
          el.remove();
        });
        const toAdd: ElementDefinition[] = [];
        for (const e of elements) {
          const el = cy.getElementById(e.data.id);
          if (el.nonempty()) {
            if (
              !sameData(
                el.data() as Record<string, unknown>,
                e.data as unknown as Record<string, unknown>,
              )
            )
              el.data(e.data);
            if (el.classes().join(' ') !== e.classes) el.classes(e.classes);
          } else {
            toAdd.push({ group: e.group, data: { ...e.data }, classes: e.classes });
            if (e.group === 'nodes') added.push(e.data.id);
          }
        }
        if (toAdd.length) cy.add(toAdd);
        // A node whose box changed (boxes toggled, an app gained a version) moves: cytoscape
        // ignores `parent` in data(), so reparent explicitly once every new box exists.
        for (const e of elements) {
          if (e.group !== 'nodes') continue;
          const parent = (e.data as { parent?: string }).parent ?? null;
          const el = cy.getElementById(e.data.id);
          if ((el.data('parent') ?? null) !== parent) el.move({ parent });
        }
      });
      // Boxes take their place from their children: only childless nodes need placing.
      const placed = added.filter((id) => cy.getElementById(id).isChildless());

      const prev = laidOut.current;
      const needsLayout =
        !prev || prev.scope !== scopeKey || prev.layout !== layout || prev.token !== relayoutToken;
      if (cy.nodes().empty()) return;
      if (needsLayout || placed.length === cy.nodes(':childless').length) {
        cancelLayout.current();
        cancelLayout.current = runLayout(cy, layout, loadPins(window.localStorage, scopeKey), () =>
          loadPins(window.localStorage, scopeKey),
        );
        laidOut.current = { scope: scopeKey, layout, token: relayoutToken };
      } else if (placed.length) {
        placeNewNodes(cy, placed, loadPins(window.localStorage, scopeKey));
      }
    });
  }, [elements, layout, scopeKey, relayoutToken]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.$(':selected').unselect();
      if (selected) cy.getElementById(selected).select();
    });
  }, [selected, elements]);

  return <div ref={container} style={{ position: 'absolute', inset: 0 }} data-testid="cy-graph" />;
}

function placeNewNodes(cy: Core, ids: string[], pins: Record<string, Point>) {
  const isNew = new Set(ids);
  const existing = cy.nodes().filter((n) => !isNew.has(n.id()));
  const bb = existing.nonempty() ? existing.boundingBox({}) : null;
  cy.batch(() => {
    ids.forEach((id, i) => {
      const node = cy.getElementById(id) as cytoscape.NodeSingular;
      if (pins[id]) {
        node.position(pins[id]);
        return;
      }
      const near = node
        .neighborhood('node')
        .filter((n) => !isNew.has(n.id()))
        .map((n) => (n as cytoscape.NodeSingular).position());
      node.position(placeNear(near, bb, i));
    });
  });
}

export { fitGraph };
