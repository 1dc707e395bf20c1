'use client';

import { Alert, Loader, Skeleton, Stack, Text } from '@mantine/core';
import { useComputedColorScheme } from '@mantine/core';
import { useLocalStorage, useMediaQuery } from '@mantine/hooks';
import type { Core } from 'cytoscape';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { ApiError } from '@/components/queries/fetch-json';
import { responseTimeFor, throughputFor, useMeshGraph } from '@/components/queries/use-mesh-graph';
import { useNamespaces } from '@/components/queries/use-namespaces';
import { useTracePath } from '@/components/queries/use-trace-path';

import { exportGraph } from './cy-export';
import { fitGraph } from './cy-layout';
import { compileFind } from './find-expression';
import type { BoxKind } from './graph-boxes';
import { GraphCanvas } from './graph-canvas';
import { GraphEmptyState } from './graph-empty-state';
import { GraphLegend } from './graph-legend';
import classes from './graph-page.module.css';
import { tracePathIds } from './graph-summary';
import { GraphToolbar } from './graph-toolbar';
import { PanelResizeHandle } from './panel-resize-handle';
import { PANEL_WIDTH, PANEL_WIDTH_KEY, parsePanelWidth } from './panel-width';
import { pinKey } from './positions';
import { ReplayBar } from './replay-bar';
import { SidePanel } from './side-panel';
import { toCyElements, withoutHidden } from './to-cy-elements';
import { useGraphView } from './use-graph-view';

const SYSTEM_NS = /^(kube-|istio-system$|default$)/;

/** Says what failed in words a user can act on. */
function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.body.code === 'upstream_unavailable')
      return err.body.upstream === 'prometheus' || /prometheus/i.test(err.message)
        ? `Prometheus is unreachable: ${err.message}`
        : err.message;
    return `${err.message} (HTTP ${err.status})`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** The live topology page: toolbar, graph with traffic animation, and the side panel. */
export function GraphPage() {
  const [view, update] = useGraphView();
  const dark = useComputedColorScheme('light', { getInitialValueInEffect: true }) === 'dark';
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)', false);
  const animation = view.animation ?? !reducedMotion;
  const namespaces = useNamespaces();
  const cyRef = useRef<Core | null>(null);
  const [relayoutToken, setRelayoutToken] = useState(0);
  const panelRef = useRef<HTMLElement>(null);
  const [panelWidth, setPanelWidth] = useLocalStorage({
    key: PANEL_WIDTH_KEY,
    defaultValue: PANEL_WIDTH.initial,
    serialize: String,
    deserialize: parsePanelWidth,
  });

  // Default namespace: bookinfo if it exists, else the first non-system one.
  useEffect(() => {
    if (view.namespaces.length || !namespaces.data?.length) return;
    const names = namespaces.data.map((n) => n.name);
    const pick = names.includes('bookinfo')
      ? 'bookinfo'
      : (names.find((n) => !SYSTEM_NS.test(n)) ?? names[0]);
    update({ namespaces: [pick] });
  }, [view.namespaces.length, namespaces.data, update]);

  const params = useMemo(
    () =>
      view.namespaces.length
        ? {
            namespaces: view.namespaces,
            graphType: view.graphType,
            duration: view.duration,
            queryTime: view.queryTime,
            injectServiceNodes: view.serviceNodes,
            idleNodes: view.idleNodes,
            idleEdges: view.idleEdges,
            responseTime: responseTimeFor(view.edgeLabels, [view.find, view.hide]),
            throughput: throughputFor(view.edgeLabels, [view.find, view.hide]),
          }
        : undefined,
    [
      view.namespaces,
      view.graphType,
      view.duration,
      view.queryTime,
      view.serviceNodes,
      view.idleNodes,
      view.idleEdges,
      view.edgeLabels,
      view.find,
      view.hide,
    ],
  );
  const graphQuery = useMeshGraph(params, view.refresh);
  // Placeholder data from another namespace set or graph type would mislead: show it only
  // while the scope is the same (a refresh, a new duration, a replay step).
  const graph =
    graphQuery.data &&
    graphQuery.data.graphType === view.graphType &&
    [...graphQuery.data.namespaces].sort().join(',') === [...view.namespaces].sort().join(',')
      ? graphQuery.data
      : undefined;

  const find = useMemo(() => compileFind(view.find), [view.find]);
  const hide = useMemo(() => compileFind(view.hide), [view.hide]);
  const tracePath = useTracePath(view.trace);
  const traceIds = useMemo(
    () => (graph && tracePath.data ? tracePathIds(graph, tracePath.data.hops) : null),
    [graph, tracePath.data],
  );
  // The panel lists what is drawn: a hidden node must not stay selectable from the list.
  const shown = useMemo(
    () => (graph && hide.ok ? withoutHidden(graph, hide.match) : graph),
    [graph, hide],
  );
  // Keyed by its string form: the parsed array is new on every URL change (a selection, say).
  const boxKey = view.boxBy.join(',');
  const boxBy = useMemo(() => (boxKey ? (boxKey.split(',') as BoxKind[]) : []), [boxKey]);
  const elements = useMemo(
    () =>
      graph
        ? toCyElements(graph, {
            edgeLabels: view.edgeLabels,
            badges: view.badges,
            find: find.ok ? find.match : null,
            hide: hide.ok ? hide.match : null,
            tracePath: traceIds,
            boxBy,
          })
        : [],
    [graph, view.edgeLabels, view.badges, find, hide, traceIds, boxBy],
  );

  // A wider panel narrows the graph: refit if the drawing no longer fits, else leave the
  // user's zoom alone. cytoscape learns the new size from its ResizeObserver; resize() first
  // so the check does not race it.
  const onPanelWidth = useCallback(
    (width: number) => {
      setPanelWidth(width);
      requestAnimationFrame(() => {
        const cy = cyRef.current;
        if (!cy || cy.destroyed() || cy.elements().empty()) return;
        cy.resize();
        const bb = cy.elements().renderedBoundingBox({});
        if (bb.x1 < 0 || bb.y1 < 0 || bb.x2 > cy.width() || bb.y2 > cy.height()) fitGraph(cy);
      });
    },
    [setPanelWidth],
  );

  const onSelect = useCallback((id: string | undefined) => update({ selected: id }), [update]);
  const onCy = useCallback((cy: Core | null) => {
    cyRef.current = cy;
  }, []);
  const onQueryTime = useCallback(
    (queryTime: number | undefined) => update({ queryTime }),
    [update],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !view.selected) return;
      const t = e.target as HTMLElement | null;
      if (t?.closest('input, textarea, [role="dialog"], [role="listbox"]')) return;
      update({ selected: undefined });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view.selected, update]);

  const scopeKey = pinKey(view.namespaces, view.graphType);
  const empty = graph && elements.length === 0;

  return (
    <div className={classes.page}>
      <GraphToolbar
        view={view}
        animation={animation}
        namespaceOptions={(namespaces.data ?? []).map((n) => n.name)}
        findError={find.ok ? undefined : find.error}
        hideError={hide.ok ? undefined : hide.error}
        fetching={graphQuery.isFetching}
        onChange={update}
        onRefresh={() => void graphQuery.refetch()}
        onFit={() => cyRef.current && fitGraph(cyRef.current)}
        onRelayout={() => setRelayoutToken((t) => t + 1)}
        onExport={(format) =>
          cyRef.current &&
          exportGraph(
            cyRef.current,
            format,
            dark,
            `meshscope-${view.namespaces.join('-')}-${view.graphType}`,
          )
        }
      />
      <div className={classes.body}>
        <div className={classes.graphArea} aria-label="Topology graph" role="figure">
          <GraphCanvas
            elements={elements}
            layout={view.layout}
            scopeKey={scopeKey}
            dark={dark}
            selected={view.selected}
            relayoutToken={relayoutToken}
            onSelect={onSelect}
            animation={animation}
            mtlsLocks={view.mtls}
            onCy={onCy}
          />
          {graphQuery.isError && (
            <Alert
              className={classes.banner}
              color="red"
              variant="light"
              title="Graph refresh failed"
              withCloseButton={false}
            >
              {describeError(graphQuery.error)}
              {graph ? ' — showing the last good graph.' : ''}
            </Alert>
          )}
          {namespaces.isError && !view.namespaces.length && (
            <Alert
              className={classes.banner}
              color="red"
              variant="light"
              title="Cannot list namespaces"
            >
              {describeError(namespaces.error)}
            </Alert>
          )}
          {!graph && !graphQuery.isError && (
            <div className={classes.centre}>
              {view.namespaces.length ? (
                <Stack align="center" gap="xs" aria-label="Loading graph">
                  <Skeleton h={180} w={420} radius="md" />
                  <Text size="sm" c="dimmed">
                    <Loader size="xs" mr={6} />
                    Loading the graph of {view.namespaces.join(', ')}…
                  </Text>
                </Stack>
              ) : (
                <Text c="dimmed">Select one or more namespaces to draw their graph.</Text>
              )}
            </div>
          )}
          {empty && (
            <div className={classes.centre}>
              <GraphEmptyState view={view} hiddenAll={graph.nodes.length > 0} onChange={update} />
            </div>
          )}
          <GraphLegend dark={dark} />
          <ReplayBar queryTime={view.queryTime} onQueryTime={onQueryTime} />
        </div>
        <PanelResizeHandle
          width={panelWidth}
          panelId="graph-details-panel"
          panelRef={panelRef}
          onWidth={onPanelWidth}
        />
        <aside
          ref={panelRef}
          id="graph-details-panel"
          className={classes.panel}
          style={{ width: panelWidth }}
          aria-label="Details"
        >
          <SidePanel
            graph={shown}
            boxBy={boxBy}
            selected={view.selected}
            dark={dark}
            duration={view.duration}
            queryTime={view.queryTime}
            refresh={view.refresh}
            onSelect={onSelect}
          />
        </aside>
      </div>
    </div>
  );
}
