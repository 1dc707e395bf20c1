'use client';

import { Badge, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useMemo } from 'react';

import type { MeshGraph } from '@/server/model/graph';

import { formatBytesRate, formatPercent, formatRps } from './format';
import { boxTraffic, type GraphBox } from './graph-boxes';
import classes from './graph-page.module.css';
import { indexNodes, nodeTitle } from './graph-summary';
import { Section, Stat, StatGrid } from './panel-parts';

export interface BoxPanelProps {
  graph: MeshGraph;
  box: GraphBox;
  onSelect: (id: string) => void;
}

/** A selected box: the traffic crossing its boundary and the nodes inside, each selectable. */
export function BoxPanel({ graph, box, onSelect }: BoxPanelProps) {
  const traffic = useMemo(() => boxTraffic(graph, box), [graph, box]);
  const members = useMemo(() => {
    const nodes = indexNodes(graph);
    return box.members.flatMap((id) => {
      const n = nodes.get(id);
      return n ? [n] : [];
    });
  }, [graph, box]);
  const title = box.kind === 'namespace' ? `Namespace ${box.namespace}` : `App ${box.app}`;
  return (
    <div role="region" aria-label={`Box ${title}`}>
      <div className={classes.panelSection}>
        <Badge size="xs" variant="outline" color="gray" mb={2}>
          {box.kind === 'namespace' ? 'Namespace box' : 'App box'}
        </Badge>
        <Title order={3}>{box.kind === 'namespace' ? box.namespace : box.app}</Title>
        {box.kind === 'app' && (
          <Text size="xs" c="dimmed">
            namespace {box.namespace}
          </Text>
        )}
      </div>
      <Section title="Traffic across the box">
        <StatGrid>
          <Stat label="in rps" value={formatRps(traffic.inboundRps)} />
          <Stat label="errors in" value={formatPercent(traffic.inboundErrorPercent)} />
          <Stat label="out rps" value={formatRps(traffic.outboundRps)} />
          <Stat label="inside rps" value={formatRps(traffic.internalRps)} />
        </StatGrid>
        {traffic.tcpBytes > 0 && (
          <Text size="xs" c="dimmed" mt={4}>
            TCP across the box: {formatBytesRate(traffic.tcpBytes)}
          </Text>
        )}
      </Section>
      <Section title={`${members.length} nodes inside`}>
        <Stack gap={0} role="group" aria-label="Nodes in the box">
          {members.map((n) => (
            <UnstyledButton
              key={n.id}
              className={classes.listButton}
              onClick={() => onSelect(n.id)}
            >
              <Text size="xs" truncate>
                {nodeTitle(n)}
              </Text>
              <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
                {n.nodeType}
              </Text>
            </UnstyledButton>
          ))}
        </Stack>
      </Section>
    </div>
  );
}
