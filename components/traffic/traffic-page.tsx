'use client';

import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import Link from 'next/link';

import { useMeshGraph } from '@/components/queries/use-mesh-graph';

import { observedByVersion } from './observed';
import { TrafficEditor } from './traffic-editor';
import classes from './traffic-page.module.css';

export interface TrafficPageProps {
  namespace: string;
  service: string;
}

/** The standalone editor at /traffic/[namespace]/[service], with observed rates from the graph. */
export function TrafficPage({ namespace, service }: TrafficPageProps) {
  const graph = useMeshGraph(
    {
      namespaces: [namespace],
      graphType: 'versionedApp',
      duration: 60,
      injectServiceNodes: true,
      idleNodes: false,
      idleEdges: false,
      responseTime: 'none',
      throughput: false,
    },
    10_000,
  );
  const observed = observedByVersion(graph.data, namespace, service);
  return (
    <div className={classes.page}>
      <Stack gap="sm" className={classes.column}>
        <Group justify="space-between" align="baseline">
          <Title order={1}>
            Traffic · {service}
            <Text span c="dimmed" fw={400} size="lg">
              {' '}
              .{namespace}
            </Text>
          </Title>
          <Anchor
            component={Link}
            href={`/graph?namespaces=${encodeURIComponent(namespace)}`}
            size="sm"
          >
            Open graph
          </Anchor>
        </Group>
        <Text size="sm" c="dimmed">
          Configured weights of the VirtualService route beside the share of requests observed over
          the last minute{graph.isError ? ' (telemetry unavailable)' : ''}.
        </Text>
        <Paper withBorder p="sm" radius="sm">
          <TrafficEditor namespace={namespace} service={service} observed={observed} />
        </Paper>
      </Stack>
    </div>
  );
}
