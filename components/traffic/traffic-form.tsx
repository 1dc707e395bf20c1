'use client';

import { Badge, Button, Group, Modal, Select, Stack, Text, Tooltip } from '@mantine/core';
import { useMemo, useState } from 'react';

import { useTrafficUpdate } from '@/components/queries/use-traffic-update';
import type { TrafficMirror, TrafficSplit, TrafficUpdate } from '@/server/model/traffic';

import { ApiErrorAlert } from './api-error-alert';
import { ApplyDiffModal } from './apply-diff-modal';
import { MirrorControl } from './mirror-control';
import { maxFor, rebalance, splitEvenly, sumWeights, weightsProblem } from './rebalance';
import { SubsetRow } from './subset-row';
import classes from './traffic-editor.module.css';

/** What Undo puts back: the VS spec before the last change (null: the change created it). */
export interface LastChange {
  before: Record<string, unknown> | null;
  summary?: string;
  time?: string;
}

export interface TrafficFormProps {
  split: TrafficSplit;
  observed?: Record<string, number>;
  undo?: LastChange;
  onRouteChange: (route: number) => void;
  onChanged: (change: LastChange) => void;
  onReload: () => void;
}

type Dialog = 'apply' | 'rollback' | null;

/** The editor form for one route; it owns the user's input until it is applied or reloaded. */
export function TrafficForm({ split, observed, undo, ...props }: TrafficFormProps) {
  const order = useMemo(() => split.subsets.map((s) => s.name), [split.subsets]);
  const [weights, setWeights] = useState(() => ({ ...split.weights }));
  const [locked, setLocked] = useState<Set<string>>(() => new Set());
  // Consecutive moves of one slider rebalance from the split before that slider was grabbed,
  // so rounding never drifts and moving a slider back restores the others exactly.
  const [anchor, setAnchor] = useState<{ name: string; weights: Record<string, number> } | null>(
    null,
  );
  const [mirror, setMirror] = useState<TrafficMirror | null>(split.mirror);
  const [dialog, setDialog] = useState<Dialog>(null);
  const preview = useTrafficUpdate(split.namespace, split.service);
  const update = useTrafficUpdate(split.namespace, split.service);

  const observedTotal = sumWeights(observed ?? {});
  const problem = weightsProblem(order, weights);
  const mirrorChanged = JSON.stringify(mirror) !== JSON.stringify(split.mirror);
  const dirty = mirrorChanged || order.some((n) => weights[n] !== split.weights[n]);
  const busy = update.isPending || preview.isPending;
  const rv = split.virtualService?.resourceVersion;
  const stable = split.stableSubset;
  const live = (n: string) => split.subsets.find((s) => s.name === n)?.workloads.length ?? 0;

  const write = (body: TrafficUpdate, message: string) =>
    update.mutate(
      { route: split.route, resourceVersion: rv, ...body },
      {
        onSuccess: () => {
          props.onChanged({
            before: split.virtualServiceSpec ?? null,
            summary: message,
            time: new Date().toISOString(),
          });
          setDialog(null);
        },
      },
    );
  const change = { weights, mirror: mirrorChanged ? mirror : undefined };
  const openApply = () => {
    update.reset();
    setDialog('apply');
    preview.mutate({ ...change, route: split.route, resourceVersion: rv, dryRun: true });
  };
  const rollbackWeights = Object.fromEntries(order.map((n) => [n, n === stable ? 100 : 0]));

  return (
    <Stack gap="xs" className={classes.root}>
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Group gap={6} wrap="wrap">
          {split.virtualService ? (
            <Tooltip label={`resourceVersion ${split.virtualService.resourceVersion}`} withArrow>
              <Badge variant="light" color="gray" size="sm" tt="none">
                VirtualService {split.virtualService.name} ·{' '}
                {split.virtualService.apiVersion.split('/')[1]}
              </Badge>
            </Tooltip>
          ) : (
            <Badge variant="light" color="blue" size="sm" tt="none">
              No VirtualService — Apply creates one
            </Badge>
          )}
          {stable && (
            <Tooltip
              label={
                split.stableSource === 'annotation'
                  ? 'Set by annotation meshscope.dev/stable-subset'
                  : 'Oldest workload'
              }
              withArrow
            >
              <Badge variant="light" color="teal" size="sm" tt="none">
                stable {stable}
              </Badge>
            </Tooltip>
          )}
        </Group>
        {split.routes.length > 1 && (
          <Select
            size="xs"
            aria-label="Route"
            w={200}
            allowDeselect={false}
            value={String(split.route)}
            data={split.routes.map((r) => ({
              value: String(r.index),
              label: `${r.index}: ${r.name ?? (r.catchAll ? 'default' : 'route')} — ${r.match}`,
            }))}
            onChange={(v) => v !== null && props.onRouteChange(Number(v))}
          />
        )}
      </Group>

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
            disabled={busy}
            onChange={(v) => {
              const base = anchor?.name === name ? anchor.weights : weights;
              if (anchor?.name !== name) setAnchor({ name, weights });
              setWeights(rebalance(order, base, locked, name, v));
            }}
            onToggleLock={() => {
              setAnchor(null);
              setLocked((l) => {
                const next = new Set(l);
                if (next.has(name)) next.delete(name);
                else next.add(name);
                return next;
              });
            }}
          />
        );
      })}
      {order.length === 0 && (
        <Text size="sm" c="dimmed">
          No subsets: the service has no DestinationRule and its workloads have no version labels.
        </Text>
      )}

      <Group justify="space-between" gap="xs">
        <MirrorControl
          subsets={order.filter((n) => live(n) > 0)}
          value={mirror}
          disabled={busy}
          onChange={setMirror}
        />
        <Text size="xs" c={problem ? 'red' : 'dimmed'} className={classes.total} role="status">
          {problem ?? `Total ${sumWeights(weights, order)}%`}
        </Text>
      </Group>
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            disabled={busy}
            onClick={() => {
              setAnchor(null);
              setWeights((w) => splitEvenly(order, w, locked));
            }}
          >
            Split evenly
          </Button>
          <Button
            size="xs"
            variant="subtle"
            disabled={!dirty || busy}
            onClick={() => {
              setAnchor(null);
              setWeights({ ...split.weights });
              setMirror(split.mirror);
            }}
          >
            Reset
          </Button>
        </Group>
        <Button size="xs" onClick={openApply} disabled={!dirty || problem !== null || busy}>
          Apply
        </Button>
      </Group>
      <Group justify="space-between" gap="xs">
        <Button
          size="xs"
          variant="light"
          color="red"
          disabled={!stable || busy || live(stable) === 0}
          onClick={() => {
            update.reset();
            setDialog('rollback');
          }}
        >
          Roll back
        </Button>
        <Tooltip
          label={
            undo
              ? `Restore the spec before: ${undo.summary ?? 'the last change'}`
              : 'Nothing to undo'
          }
          withArrow
        >
          <Button
            size="xs"
            variant="default"
            disabled={!undo || !split.virtualService || busy}
            loading={update.isPending && dialog === null}
            onClick={() =>
              undo &&
              write({ weights: {}, restoreSpec: undo.before }, 'Undone: previous spec restored')
            }
          >
            Undo
          </Button>
        </Tooltip>
      </Group>
      {dialog === null && update.isError && (
        <ApiErrorAlert error={update.error} onReload={props.onReload} />
      )}

      <ApplyDiffModal
        opened={dialog === 'apply'}
        title={`Apply traffic split to ${split.service}`}
        beforeSpec={split.virtualServiceSpec}
        preview={preview.data}
        route={split.route}
        createsDestinationRule={split.destinationRule ? undefined : order}
        confirmLabel="Apply changes"
        loading={update.isPending || preview.isPending}
        error={
          (preview.isError && <ApiErrorAlert error={preview.error} onReload={props.onReload} />) ||
          (update.isError && <ApiErrorAlert error={update.error} onReload={props.onReload} />)
        }
        onConfirm={() =>
          write(change, `Applied ${order.map((n) => `${n}=${weights[n]}`).join(' ')}`)
        }
        onClose={() => setDialog(null)}
      />
      <Modal
        opened={dialog === 'rollback'}
        onClose={() => setDialog(null)}
        title="Roll back"
        size="sm"
      >
        <Stack gap="sm">
          <Text size="sm">
            Send 100% of {split.service} traffic to the stable subset <b>{stable}</b>
            {split.stableSource === 'annotation'
              ? ' (designated by annotation)'
              : ' (the oldest workload)'}
            ?
          </Text>
          {update.isError && <ApiErrorAlert error={update.error} onReload={props.onReload} />}
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setDialog(null)}>
              Cancel
            </Button>
            <Button
              size="xs"
              color="red"
              loading={update.isPending}
              onClick={() => write({ weights: rollbackWeights }, `Rolled back: 100% to ${stable}`)}
            >
              Confirm roll back
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
