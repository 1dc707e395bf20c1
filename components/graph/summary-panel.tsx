'use client';

import { Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';

import type { GraphEdge, MeshGraph } from '@/server/model/graph';

import { graphPalette } from './cy-style';
import { formatBytesRate, formatPercent, formatRps } from './format';
import classes from './graph-page.module.css';
import { edgeTitle, graphTotals, indexNodes, nodeTitle, topEdges } from './graph-summary';
import { Section, Stat, StatGrid } from './panel-parts';

export interface SummaryPanelProps {
  graph: MeshGraph;
  dark: boolean;
  onSelect: (id: string) => void;
}

const LIST_LIMIT = 60;

/**
 * With nothing selected: totals, the busiest and the most failing edges, and a searchable list
 * of every node and edge. The list is also the keyboard and screen-reader path into the graph,
 * since cytoscape draws on a canvas.
 */
export function SummaryPanel({ graph, dark, onSelect }: SummaryPanelProps) {
  const [filter, setFilter] = useState('');
  const nodes = useMemo(() => indexNodes(graph), [graph]);
  const totals = useMemo(() => graphTotals(graph), [graph]);
  const busiest = useMemo(() => topEdges(graph, 'rps', 5), [graph]);
  const failing = useMemo(() => topEdges(graph, 'errors', 5), [graph]);
  const palette = graphPalette(dark);
  const items = useMemo(() => {
    const all = [
      ...graph.nodes.map((n) => ({
        id: n.id,
        name: nodeTitle(n),
        detail: n.nodeType,
        health: n.health,
      })),
      ...graph.edges.map((e) => ({
        id: e.id,
        name: edgeTitle(nodes, e),
        detail: e.protocol === 'tcp' ? formatBytesRate(e.rps) : `${formatRps(e.rps)} rps`,
        health: e.health,
      })),
    ];
    const f = filter.trim().toLowerCase();
    return f ? all.filter((i) => i.name.toLowerCase().includes(f)) : all;
  }, [graph, nodes, filter]);

  const edgeRow = (e: GraphEdge, value: string) => (
    <UnstyledButton key={e.id} className={classes.listButton} onClick={() => onSelect(e.id)}>
      <Text size="xs" truncate>
        {edgeTitle(nodes, e)}
      </Text>
      <Text size="xs" className={classes.num} style={{ flex: 'none' }}>
        {value}
      </Text>
    </UnstyledButton>
  );

  return (
    <div role="region" aria-label="Graph summary">
      <Section title={`Summary · ${graph.namespaces.join(', ')}`}>
        <StatGrid>
          <Stat label="requests/s" value={formatRps(totals.requestRps)} />
          <Stat label="errors" value={formatPercent(totals.errorPercent)} />
          <Stat label="nodes" value={String(totals.nodes)} />
          <Stat label="edges" value={String(totals.edges)} />
        </StatGrid>
        {totals.tcpBytes > 0 && (
          <Text size="xs" c="dimmed" mt={4}>
            TCP: {formatBytesRate(totals.tcpBytes)}
          </Text>
        )}
      </Section>
      {busiest.length > 0 && (
        <Section title="Busiest edges">
          <Stack gap={0}>{busiest.map((e) => edgeRow(e, `${formatRps(e.rps)} rps`))}</Stack>
        </Section>
      )}
      <Section title="Most errors">
        {failing.length ? (
          <Stack gap={0}>{failing.map((e) => edgeRow(e, formatPercent(e.errorRate * 100)))}</Stack>
        ) : (
          <Text size="xs" c="dimmed">
            No failing requests in the window.
          </Text>
        )}
      </Section>
      <Section title="Nodes and edges">
        <TextInput
          size="xs"
          placeholder="Filter by name"
          aria-label="Filter nodes and edges"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          mb={6}
        />
        <Stack gap={0} role="group" aria-label="Graph elements">
          {items.slice(0, LIST_LIMIT).map((i) => (
            <UnstyledButton
              key={i.id}
              className={classes.listButton}
              onClick={() => onSelect(i.id)}
              aria-label={i.name}
            >
              <Text size="xs" truncate style={{ display: 'flex', alignItems: 'center' }}>
                <span
                  className={classes.dot}
                  style={{
                    background:
                      palette[
                        i.health === 'healthy'
                          ? 'healthy'
                          : i.health === 'unknown'
                            ? 'idle'
                            : i.health
                      ],
                  }}
                />
                {i.name}
              </Text>
              <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
                {i.detail}
              </Text>
            </UnstyledButton>
          ))}
          {items.length > LIST_LIMIT && (
            <Text size="xs" c="dimmed" mt={4}>
              {items.length - LIST_LIMIT} more: refine the filter.
            </Text>
          )}
        </Stack>
      </Section>
    </div>
  );
}
