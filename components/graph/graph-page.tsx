'use client';

import {
  Alert,
  Anchor,
  Button,
  List,
  Loader,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useComputedColorScheme } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { Core } from 'cytoscape';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { ApiError } from '@/components/queries/fetch-json';
import { useMeshGraph } from '@/components/queries/use-mesh-graph';
import { useNamespaces } from '@/components/queries/use-namespaces';
import { useTracePath } from '@/components/queries/use-trace-path';

import { exportGraph } from './cy-export';
import { fitGraph } from './cy-layout';
import { compileFind } from './find-expression';
import { GraphCanvas } from './graph-canvas';
import { GraphLegend } from './graph-legend';
import classes from './graph-page.module.css';
import { tracePathIds } from './graph-summary';
import { GraphToolbar } from './graph-toolbar';
import { DURATION_OPTIONS } from './graph-url-state';
import { pinKey } from './positions';
import { ReplayBar } from './replay-bar';
import { SidePanel } from './side-panel';
import { toCyElements } from './to-cy-elements';
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
  const elements = useMemo(
    () =>
      graph
        ? toCyElements(graph, {
            edgeLabels: view.edgeLabels,
            badges: view.badges,
            find: find.ok ? find.match : null,
            hide: hide.ok ? hide.match : null,
            tracePath: traceIds,
          })
        : [],
    [graph, view.edgeLabels, view.badges, find, hide, traceIds],
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
  const durationLabel =
    DURATION_OPTIONS.find((d) => d.value === view.duration)?.label.replace('Last ', '') ??
    `${view.duration}s`;

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
              <Paper withBorder p="lg" maw={440} shadow="xs">
                <Title order={2} mb="xs">
                  No traffic in {view.namespaces.join(', ')} in the last {durationLabel}
                </Title>
                <List size="sm" spacing={4}>
                  <List.Item>Is the demo or your load generator running?</List.Item>
                  <List.Item>
                    Widen the window:{' '}
                    <Anchor component="button" size="sm" onClick={() => update({ duration: 600 })}>
                      last 10m
                    </Anchor>
                  </List.Item>
                  <List.Item>
                    <Anchor
                      component="button"
                      size="sm"
                      onClick={() => update({ idleNodes: true })}
                    >
                      Show idle nodes
                    </Anchor>{' '}
                    to see services that got no requests.
                  </List.Item>
                  {(view.hide || view.find) && <List.Item>Clear the Hide expression.</List.Item>}
                </List>
                {view.hide && (
                  <Button size="xs" mt="sm" variant="light" onClick={() => update({ hide: '' })}>
                    Clear Hide
                  </Button>
                )}
              </Paper>
            </div>
          )}
          <GraphLegend dark={dark} />
          <ReplayBar queryTime={view.queryTime} onQueryTime={onQueryTime} />
        </div>
        <aside className={classes.panel} aria-label="Details">
          <SidePanel
            graph={graph}
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
