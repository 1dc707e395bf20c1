'use client';

import { Anchor, Badge, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import Link from 'next/link';
import { useMemo } from 'react';

import { TracesPanel } from '@/components/traces/traces-panel';
import { TrafficEditor } from '@/components/traffic/traffic-editor';
import type { GraphNode, MeshGraph } from '@/server/model/graph';

import { BADGE_ICONS, BADGE_ORDER } from './badge-icons';
import { formatBytesRate, formatPercent, formatRps } from './format';
import classes from './graph-page.module.css';
import { nodeTitle, observedByVersion } from './graph-summary';
import { HealthBadge, MetricsCharts, RatesTable, Section, Stat, StatGrid } from './panel-parts';

export interface NodePanelProps {
  graph: MeshGraph;
  node: GraphNode;
  duration: number;
  queryTime?: number;
  refresh: number;
}

const TYPE_LABEL: Record<GraphNode['nodeType'], string> = {
  app: 'App',
  workload: 'Workload',
  service: 'Service',
  serviceEntry: 'Service entry',
  unknown: 'Unknown',
};

const errPct = (r: GraphNode['inbound']) =>
  r.total > 0 ? ((r.http4xx + r.http5xx + r.noResponse) / r.total) * 100 : 0;

/** Everything about one node: health, traffic by code class, charts, traffic editor, traces. */
export function NodePanel({ graph, node, duration, queryTime, refresh }: NodePanelProps) {
  const traffic = useMemo(() => observedByVersion(graph, node), [graph, node]);
  const main = node.isRoot ? node.outbound : node.inbound;
  const direction: 'inbound' | 'outbound' = node.isRoot ? 'outbound' : 'inbound';
  const target = useMemo(
    () => ({ kind: 'node' as const, node: node.id, direction }),
    [node.id, direction],
  );
  // "no sidecar" is already said above; the rest are the graph's icons in words.
  const badges = BADGE_ORDER.filter(
    (b) => node.badges.includes(b) && !(b === 'missingSidecar' && node.hasSidecar === false),
  );
  const tcp = main.total === 0 && main.tcpBytes > 0;
  const traceProps = {
    namespace: node.namespace,
    app: node.app,
    workload: node.workload,
    service: node.service,
  };
  return (
    <div aria-label={`Node ${nodeTitle(node)}`} role="region">
      <div className={classes.panelSection}>
        <Group gap={6} mb={2}>
          <Badge size="xs" variant="outline" color="gray">
            {TYPE_LABEL[node.nodeType]}
          </Badge>
          <HealthBadge health={node.health} />
          {node.isRoot && (
            <Badge size="xs" variant="light">
              traffic source
            </Badge>
          )}
          {node.isGateway && (
            <Badge size="xs" variant="light">
              gateway
            </Badge>
          )}
          {node.hasSidecar === false && (
            <Badge size="xs" color="orange" variant="light">
              no sidecar
            </Badge>
          )}
        </Group>
        {badges.length > 0 && (
          // The graph's badge icons, in words: the canvas cannot be read aloud.
          <Group gap={4} mb={2} role="list" aria-label="Badges">
            {badges.map((b) => (
              <Badge
                key={b}
                role="listitem"
                size="xs"
                variant="light"
                color={b === 'configError' ? 'red' : b === 'missingSidecar' ? 'orange' : 'indigo'}
              >
                {BADGE_ICONS[b].title}
              </Badge>
            ))}
          </Group>
        )}
        <Title order={3}>{nodeTitle(node)}</Title>
        <Text size="xs" c="dimmed">
          namespace {node.namespace}
          {node.workload && node.nodeType !== 'workload' ? ` · workload ${node.workload}` : ''}
        </Text>
        <Group gap="sm" mt={4}>
          <Anchor
            component={Link}
            size="xs"
            href={`/config?namespace=${encodeURIComponent(node.namespace)}`}
          >
            Istio config
          </Anchor>
          <Anchor
            component={Link}
            size="xs"
            href={`/traces?service=${encodeURIComponent(`${node.app ?? node.service ?? node.workload ?? ''}.${node.namespace}`)}`}
          >
            Traces
          </Anchor>
        </Group>
      </div>
      <Tabs defaultValue="overview" keepMounted={false}>
        <Tabs.List grow>
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          {traffic && <Tabs.Tab value="traffic">Traffic</Tabs.Tab>}
          <Tabs.Tab value="traces">Traces</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Section title={node.isRoot ? 'Outbound' : 'Inbound'}>
            <StatGrid>
              <Stat
                label={tcp ? 'bytes/s' : 'requests/s'}
                value={tcp ? formatBytesRate(main.tcpBytes) : formatRps(main.total)}
              />
              <Stat label="errors" value={formatPercent(errPct(main))} />
              <Stat label="in rps" value={formatRps(node.inbound.total)} />
              <Stat label="out rps" value={formatRps(node.outbound.total)} />
            </StatGrid>
          </Section>
          {node.inbound.total > 0 && (
            <Section title="Inbound by response code">
              <RatesTable rates={node.inbound} label="Inbound by response code" />
            </Section>
          )}
          {node.outbound.total > 0 && (
            <Section title="Outbound by response code">
              <RatesTable rates={node.outbound} label="Outbound by response code" />
            </Section>
          )}
          <Section title={`${direction} over the window`}>
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
        {traffic && (
          <Tabs.Panel value="traffic" p="xs">
            <TrafficEditor
              namespace={node.namespace}
              service={traffic.service}
              observed={traffic.observed}
            />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="traces" p="xs">
          <TracesPanel {...traceProps} />
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}
