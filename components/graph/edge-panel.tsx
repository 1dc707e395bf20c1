'use client';

import {
  Badge,
  Group,
  Progress,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useMemo } from 'react';

import { useGraphMetrics } from '@/components/queries/use-graph-metrics';
import { TracesPanel } from '@/components/traces/traces-panel';
import type { GraphEdge, MeshGraph } from '@/server/model/graph';

import { formatBytesRate, formatMs, formatPercent, formatRps } from './format';
import classes from './graph-page.module.css';
import { edgeTitle, indexNodes, shareRows, versionSplit } from './graph-summary';
import { HealthBadge, MetricsCharts, Section, Stat, StatGrid } from './panel-parts';

export interface EdgePanelProps {
  graph: MeshGraph;
  edge: GraphEdge;
  duration: number;
  queryTime?: number;
  refresh: number;
  onSelect: (id: string) => void;
}

function ShareTable({
  label,
  rows,
}: {
  label: string;
  rows: { key: string; rps: number; percent: number }[];
}) {
  return (
    <Table verticalSpacing={2} horizontalSpacing={4} fz="xs" aria-label={label}>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td w={84}>{r.key}</Table.Td>
            <Table.Td className={classes.num}>{formatRps(r.rps)} rps</Table.Td>
            <Table.Td className={classes.num} w={64}>
              {formatPercent(r.percent)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The last finite value of a chart series. */
function lastValue(points: readonly [number, number][] | undefined): number | undefined {
  for (let i = (points?.length ?? 0) - 1; i >= 0; i--) {
    const v = points![i][1];
    if (Number.isFinite(v)) return v;
  }
  return undefined;
}

/** One edge: rate, share of source, errors, codes and flags, latency, mTLS, version split. */
export function EdgePanel({ graph, edge, duration, queryTime, refresh, onSelect }: EdgePanelProps) {
  const nodes = useMemo(() => indexNodes(graph), [graph]);
  const split = useMemo(() => versionSplit(graph, edge), [graph, edge]);
  const target = useMemo(
    () => ({ kind: 'edge' as const, source: edge.source, target: edge.target }),
    [edge.source, edge.target],
  );
  const title = edgeTitle(nodes, edge);
  const tcp = edge.protocol === 'tcp';
  // The graph carries quantiles only when an edge label needs them; otherwise take the latest
  // point of the panel's own latency series (the same query the charts below make).
  const metrics = useGraphMetrics(
    useMemo(() => ({ target, duration, queryTime }), [target, duration, queryTime]),
    refresh,
  );
  const latest = (stat: 'p50' | 'p95' | 'p99') =>
    edge.responseTime[stat] ?? lastValue(metrics.data?.series[stat]);
  const dst = nodes.get(edge.target);
  return (
    <div aria-label={`Edge ${title}`} role="region">
      <div className={classes.panelSection}>
        <Group gap={6} mb={2}>
          <Badge size="xs" variant="outline" color="gray">
            {edge.protocol.toUpperCase()} edge
          </Badge>
          <HealthBadge health={edge.health} />
        </Group>
        <Title order={3}>{title}</Title>
      </div>
      <Tabs defaultValue="overview" keepMounted={false}>
        <Tabs.List grow>
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="traces">Traces</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Section title="Traffic">
            <StatGrid>
              <Stat
                label={tcp ? 'bytes/s' : 'requests/s'}
                value={tcp ? formatBytesRate(edge.rps) : formatRps(edge.rps)}
              />
              <Stat label="of source" value={formatPercent(edge.percentOfSource)} />
              <Stat label="errors" value={formatPercent(edge.errorRate * 100)} />
              <Stat label="mTLS" value={formatPercent(edge.mtlsPercent)} />
            </StatGrid>
          </Section>
          {split.length > 0 && (
            <Section title="Split across versions">
              <Stack gap={4} role="group" aria-label="Split across versions">
                {split.map((r) => (
                  <UnstyledButton
                    key={r.nodeId}
                    className={classes.listButton}
                    onClick={() => onSelect(r.nodeId)}
                    aria-label={`${r.version}: ${formatRps(r.rps)} rps, ${formatPercent(r.percent)}`}
                  >
                    <Text size="xs" w={60} fw={600}>
                      {r.version}
                    </Text>
                    <Progress
                      value={r.percent}
                      style={{ flex: 1, alignSelf: 'center' }}
                      size="sm"
                      aria-hidden="true"
                    />
                    <Text size="xs" className={classes.num} w={70}>
                      {formatRps(r.rps)} rps
                    </Text>
                    <Text size="xs" className={classes.num} w={50}>
                      {formatPercent(r.percent)}
                    </Text>
                  </UnstyledButton>
                ))}
              </Stack>
              {dst?.nodeType === 'service' && (
                <Text size="xs" c="dimmed" mt={4}>
                  Requests into {dst.service} are routed to these versions.
                </Text>
              )}
            </Section>
          )}
          {!tcp && (
            <Section title="Response time">
              <StatGrid>
                <Stat label="avg" value={formatMs(edge.responseTime.avg)} />
                <Stat label="p50" value={formatMs(latest('p50'))} />
                <Stat label="p95" value={formatMs(latest('p95'))} />
                <Stat label="p99" value={formatMs(latest('p99'))} />
              </StatGrid>
            </Section>
          )}
          {!tcp && Object.keys(edge.responseCodes).length > 0 && (
            <Section title="Response codes">
              <ShareTable label="Response codes" rows={shareRows(edge.responseCodes, edge.rps)} />
            </Section>
          )}
          {Object.keys(edge.responseFlags).length > 0 && (
            <Section title="Response flags">
              <ShareTable label="Response flags" rows={shareRows(edge.responseFlags, edge.rps)} />
            </Section>
          )}
          <Section title="Over the window">
            <Stack gap={4}>
              <MetricsCharts
                target={target}
                duration={duration}
                queryTime={queryTime}
                refresh={refresh}
                tcp={tcp}
              />
            </Stack>
          </Section>
        </Tabs.Panel>
        <Tabs.Panel value="traces" p="xs">
          <TracesPanel
            namespace={dst?.namespace ?? graph.namespaces[0]}
            app={dst?.app}
            workload={dst?.workload}
            service={dst?.service}
          />
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}
