'use client';

import { Alert, Group, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import { useAudit } from '@/components/queries/use-audit';
import { useTraffic } from '@/components/queries/use-traffic';

import { type LastChange, TrafficForm } from './traffic-form';

export interface TrafficEditorProps {
  namespace: string;
  service: string;
  /** Observed requests/s into the service per workload version label (e.g. `v1`). */
  observed?: Record<string, number>;
}

/**
 * Edit a service's VirtualService weights in place: one slider per subset with the observed
 * share beside it, a diff before applying, one-click roll back and undo. Used in the graph's
 * side panel ("Traffic" tab) and on /traffic/[namespace]/[service].
 */
export function TrafficEditor(props: TrafficEditorProps) {
  const { namespace, service } = props;
  const [route, setRoute] = useState<number | undefined>();
  // The spec before this session's last change; survives the form re-mounting after a write.
  const [lastChange, setLastChange] = useState<LastChange | undefined>();
  const query = useTraffic(namespace, service, route);
  const vsName = query.data?.virtualService?.name;
  // Without a change in this session, Undo falls back to the newest audit entry for the VS.
  const audit = useAudit(
    { namespace, kind: 'VirtualService', name: vsName, limit: 1 },
    { enabled: Boolean(vsName) && !lastChange },
  );

  if (query.isPending) {
    return (
      <Group gap="xs" p="sm">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          Loading traffic split…
        </Text>
      </Group>
    );
  }
  if (query.isError) {
    return (
      <Alert color="red" title="Cannot load the traffic split" p="xs" role="alert">
        <Text size="xs">{query.error.message}</Text>
      </Alert>
    );
  }
  const entry = audit.data?.entries[0];
  const undo: LastChange | undefined =
    lastChange ?? (entry && { before: entry.before, summary: entry.summary, time: entry.time });
  // Re-mount the form when the stored object changes so it starts from what is stored.
  const key = `${query.data.virtualService?.resourceVersion ?? 'none'}:${query.data.route}`;
  return (
    <Stack gap={6}>
      <TrafficForm
        key={key}
        split={query.data}
        observed={props.observed}
        undo={undo}
        onRouteChange={setRoute}
        onChanged={setLastChange}
        onReload={() => void query.refetch()}
      />
      {lastChange?.summary && (
        <Text size="xs" c="teal" role="status">
          {lastChange.summary}
          {lastChange.time ? ` · ${new Date(lastChange.time).toLocaleTimeString()}` : ''}
        </Text>
      )}
    </Stack>
  );
}
