'use client';

import { Alert, Anchor, Badge, Group, Loader, Stack, Text, UnstyledButton } from '@mantine/core';
import Link from 'next/link';
import { useMemo } from 'react';

import { useTraceSearch } from '@/components/queries/use-trace-search';
import type { TraceSearchParams } from '@/server/model/trace';

import { formatAgo, formatDuration, jaegerServiceName, shortService } from './format';
import classes from './traces-panel.module.css';

export interface TracesPanelProps {
  /** Namespace of the selected node or edge. */
  namespace: string;
  /** `app` label of the selection; with the namespace it names the Jaeger service. */
  app?: string;
  /** Workload name, used when no app is known (its `-vN` suffix is dropped). */
  workload?: string;
  /** Kubernetes service name, used when neither app nor workload is known. */
  service?: string;
}

/** Jaeger service name for a graph selection: Istio names services `<app>.<namespace>`. */
export function panelServiceName(props: TracesPanelProps): string | undefined {
  const app = props.app ?? props.workload?.replace(/-v\d+$/, '') ?? props.service;
  return app ? jaegerServiceName(app, props.namespace) : undefined;
}

/**
 * Recent traces through the selected graph node, for the graph side panel's "Traces" tab.
 * Refreshes every 10 s while open; each row opens the trace page.
 */
export function TracesPanel(props: TracesPanelProps) {
  const service = panelServiceName(props);
  const params = useMemo<TraceSearchParams | undefined>(
    () => (service ? { service, lookback: '1h', limit: 20 } : undefined),
    [service],
  );
  const search = useTraceSearch(params, { refetchInterval: 10_000 });
  const now = search.dataUpdatedAt || 0;
  const traces = search.data?.traces ?? [];
  const maxDuration = Math.max(1, ...traces.map((t) => t.durationUs));

  if (!service) {
    return (
      <Text size="sm" c="dimmed">
        Select a workload or service to see its traces.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600} truncate>
          Recent traces · {service}
        </Text>
        <Anchor component={Link} size="xs" href={`/traces?service=${encodeURIComponent(service)}`}>
          Search traces
        </Anchor>
      </Group>
      {search.isError && (
        <Alert color="red" variant="light" title="Traces unavailable">
          {search.error.message}
        </Alert>
      )}
      {search.isPending && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            Searching Jaeger…
          </Text>
        </Group>
      )}
      {search.isSuccess && traces.length === 0 && (
        <Text size="sm" c="dimmed">
          No traces for {service} in the last hour.
        </Text>
      )}
      <ul className={classes.list} aria-label={`Recent traces of ${service}`}>
        {traces.map((t) => (
          <li key={t.traceId}>
            <UnstyledButton
              component={Link}
              href={`/traces/${t.traceId}`}
              className={classes.row}
              aria-label={`Trace ${t.traceId.slice(0, 7)}: ${shortService(t.rootService)} ${t.rootOperation}, ${formatDuration(t.durationUs)}`}
            >
              <Group justify="space-between" gap={6} wrap="nowrap">
                <Text size="xs" fw={500} truncate>
                  {shortService(t.rootService)}{' '}
                  <Text span size="xs" c="dimmed">
                    {t.rootOperation}
                  </Text>
                </Text>
                <Text size="xs" ff="monospace" style={{ flexShrink: 0 }}>
                  {formatDuration(t.durationUs)}
                </Text>
              </Group>
              <div className={classes.bar}>
                <div
                  className={classes.fill}
                  data-error={t.errorCount > 0 || undefined}
                  style={{ width: `${Math.max(2, (t.durationUs / maxDuration) * 100)}%` }}
                />
              </div>
              <Group gap={6} wrap="nowrap">
                <Text size="xs" c="dimmed">
                  {t.spanCount} spans · {formatAgo(t.startUs, now)}
                </Text>
                {t.errorCount > 0 && (
                  <Badge size="xs" color="red" variant="light">
                    {t.errorCount} errors
                  </Badge>
                )}
              </Group>
            </UnstyledButton>
          </li>
        ))}
      </ul>
    </Stack>
  );
}
