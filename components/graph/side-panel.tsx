'use client';

import { CloseButton, Group, Skeleton, Stack, Text } from '@mantine/core';

import type { MeshGraph } from '@/server/model/graph';

import { BoxPanel } from './box-panel';
import { EdgePanel } from './edge-panel';
import { type BoxKind, graphBoxes, isBoxId } from './graph-boxes';
import classes from './graph-page.module.css';
import { NodePanel } from './node-panel';
import { SummaryPanel } from './summary-panel';

export interface SidePanelProps {
  graph?: MeshGraph;
  /** The boxes drawn, so a selected box can be summarised. */
  boxBy: readonly BoxKind[];
  selected?: string;
  dark: boolean;
  duration: number;
  queryTime?: number;
  refresh: number;
  onSelect: (id: string | undefined) => void;
}

/** The right-hand panel: the selected node or edge, else a summary of the whole graph. */
export function SidePanel({
  graph,
  boxBy,
  selected,
  dark,
  duration,
  queryTime,
  refresh,
  onSelect,
}: SidePanelProps) {
  if (!graph)
    return (
      <Stack p="sm" gap="xs">
        <Skeleton h={16} w="60%" />
        <Skeleton h={60} />
        <Skeleton h={120} />
      </Stack>
    );
  const node = selected ? graph.nodes.find((n) => n.id === selected) : undefined;
  const edge = selected && !node ? graph.edges.find((e) => e.id === selected) : undefined;
  const box = isBoxId(selected)
    ? graphBoxes(graph, boxBy).boxes.find((b) => b.id === selected)
    : undefined;
  const back = (
    <Group justify="space-between" px="sm" pt={6} className={classes.statLabel}>
      <Text size="xs" c="dimmed">
        {node ? 'Node' : edge ? 'Edge' : 'Box'} · Esc to clear
      </Text>
      <CloseButton size="sm" aria-label="Clear selection" onClick={() => onSelect(undefined)} />
    </Group>
  );
  if (node)
    return (
      <>
        {back}
        <NodePanel
          key={node.id}
          graph={graph}
          node={node}
          duration={duration}
          queryTime={queryTime}
          refresh={refresh}
        />
      </>
    );
  if (edge)
    return (
      <>
        {back}
        <EdgePanel
          key={edge.id}
          graph={graph}
          edge={edge}
          duration={duration}
          queryTime={queryTime}
          refresh={refresh}
          onSelect={onSelect}
        />
      </>
    );
  if (box)
    return (
      <>
        {back}
        <BoxPanel key={box.id} graph={graph} box={box} onSelect={onSelect} />
      </>
    );
  return (
    <>
      {selected && (
        <Text size="xs" c="dimmed" px="sm" pt="xs">
          The selected element is not in the current graph.
        </Text>
      )}
      <SummaryPanel graph={graph} dark={dark} onSelect={onSelect} />
    </>
  );
}
