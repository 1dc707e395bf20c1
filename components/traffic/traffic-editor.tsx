'use client';

import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';

import { ApiError } from '@/components/queries/fetch-json';
import { useTraffic } from '@/components/queries/use-traffic';
import { useTrafficUpdate } from '@/components/queries/use-traffic-update';
import type { TrafficSplit } from '@/server/model/traffic';

import { maxFor, rebalance, splitEvenly, sumWeights, weightsProblem } from './rebalance';
import { SubsetRow } from './subset-row';
import classes from './traffic-editor.module.css';

export interface TrafficEditorProps {
  namespace: string;
  service: string;
  /** Observed requests/s into the service per workload version label (e.g. `v1`). */
  observed?: Record<string, number>;
}

/**
 * Edit a service's VirtualService weights in place: one slider per subset with the observed
 * share beside it. Used in the graph's side panel and on /traffic/[namespace]/[service].
 */
export function TrafficEditor(props: TrafficEditorProps) {
  const { namespace, service } = props;
  const query = useTraffic(namespace, service);
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
      <Alert color="red" title="Cannot load the traffic split" p="sm">
        {query.error.message}
      </Alert>
    );
  }
  // Re-mount the form when the stored object changes so it starts from what is stored.
  const key = `${query.data.virtualService?.resourceVersion ?? 'none'}:${query.data.route}`;
  return <TrafficForm key={key} split={query.data} observed={props.observed} />;
}

interface TrafficFormProps {
  split: TrafficSplit;
  observed?: Record<string, number>;
}

function TrafficForm({ split, observed }: TrafficFormProps) {
  const order = useMemo(() => split.subsets.map((s) => s.name), [split.subsets]);
  const [weights, setWeights] = useState(() => ({ ...split.weights }));
  const [locked, setLocked] = useState<Set<string>>(() => new Set());
  const update = useTrafficUpdate(split.namespace, split.service);

  const observedTotal = sumWeights(observed ?? {});
  const problem = weightsProblem(order, weights);
  const dirty = order.some((n) => (weights[n] ?? 0) !== (split.weights[n] ?? 0));

  const apply = () =>
    update.mutate({
      weights,
      route: split.route,
      resourceVersion: split.virtualService?.resourceVersion,
    });

  return (
    <Stack gap="xs" className={classes.root}>
      {order.map((name) => {
        const subset = split.subsets.find((s) => s.name === name)!;
        const rps = subset.version !== undefined ? observed?.[subset.version] : undefined;
        return (
          <SubsetRow
            key={name}
            subset={subset}
            weight={weights[name] ?? 0}
            configured={split.weights[name] ?? 0}
            observedRps={rps}
            observedShare={
              observed && observedTotal > 0 ? ((rps ?? 0) / observedTotal) * 100 : undefined
            }
            locked={locked.has(name)}
            showLock={order.length > 2}
            max={maxFor(order, weights, locked, name)}
            disabled={update.isPending}
            onChange={(v) => setWeights((w) => rebalance(order, w, locked, name, v))}
            onToggleLock={() =>
              setLocked((l) => {
                const next = new Set(l);
                if (next.has(name)) next.delete(name);
                else next.add(name);
                return next;
              })
            }
          />
        );
      })}
      <Group justify="space-between" gap="xs">
        <Text size="xs" c={problem ? 'red' : 'dimmed'} className={classes.total}>
          {problem ?? `Total ${sumWeights(weights, order)}%`}
        </Text>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            onClick={() => setWeights((w) => splitEvenly(order, w, locked))}
          >
            Split evenly
          </Button>
          <Button
            size="xs"
            onClick={apply}
            disabled={!dirty || problem !== null}
            loading={update.isPending}
          >
            Apply
          </Button>
        </Group>
      </Group>
      {update.isError && <ApiErrorAlert error={update.error} />}
    </Stack>
  );
}

function ApiErrorAlert({ error }: { error: Error }) {
  const status = error instanceof ApiError ? error.status : 0;
  const message =
    status === 409
      ? 'Someone changed this VirtualService — reload to see their version.'
      : error.message;
  return (
    <Alert color={status === 409 ? 'yellow' : 'red'} p="xs" role="alert">
      <Text size="sm">{message}</Text>
    </Alert>
  );
}
