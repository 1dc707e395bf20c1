'use client';

import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { stringify } from 'yaml';

import type { TrafficUpdateResult } from '@/server/model/traffic';

import { diffLines, foldUnchanged, hasChanges } from './line-diff';
import { YamlDiff } from './yaml-diff';

export interface ApplyDiffModalProps {
  opened: boolean;
  title: string;
  /** The VS spec as loaded (undefined when no VS exists yet). */
  beforeSpec?: Record<string, unknown>;
  /** What the API server computed in a dry run. */
  preview?: TrafficUpdateResult;
  /** Route index the change is about; the diff shows only that route when both sides have it. */
  route: number;
  /** Subsets of a DestinationRule that will be created, when none exists. */
  createsDestinationRule?: string[];
  confirmLabel: string;
  loading: boolean;
  error?: React.ReactNode;
  onConfirm: () => void;
  onClose: () => void;
}

/** "Exactly what will change": the dry-run result diffed against what was loaded. */
export function ApplyDiffModal(props: ApplyDiffModalProps) {
  const { beforeSpec, preview, route } = props;
  const afterSpec = (preview?.virtualService as { spec?: Record<string, unknown> } | undefined)
    ?.spec;
  const { lines, scope } = useMemo(() => {
    const beforeRoute = routeAt(beforeSpec, route);
    const afterRoute = routeAt(afterSpec, route);
    // One route when both sides have it (the common case); the whole spec on create/undo.
    const oneRoute =
      beforeRoute !== undefined &&
      afterRoute !== undefined &&
      sameOtherRoutes(beforeSpec, afterSpec, route);
    const before = oneRoute ? beforeRoute : beforeSpec;
    const after = oneRoute ? afterRoute : afterSpec;
    const text = (v: unknown) => (v === undefined ? '' : stringify(v, { lineWidth: 0 }));
    return {
      lines: foldUnchanged(diffLines(text(before), text(after)), 4),
      scope: oneRoute ? `spec.http[${route}]` : 'spec',
    };
  }, [beforeSpec, afterSpec, route]);

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {beforeSpec
            ? `Changes to ${scope}, as the API server computed them in a dry run; nothing else in the object changes.`
            : 'New VirtualService, as the API server computed it in a dry run.'}
        </Text>
        {props.createsDestinationRule && (
          <Alert color="blue" p="xs">
            <Text size="sm">
              Also creates DestinationRule with subsets {props.createsDestinationRule.join(', ')}{' '}
              (labelled managed-by meshscope).
            </Text>
          </Alert>
        )}
        {hasChanges(lines) ? (
          <YamlDiff lines={lines} label="Changes to apply" />
        ) : (
          <Text size="sm">No changes.</Text>
        )}
        {props.error}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={props.onClose}>
            Cancel
          </Button>
          <Button size="xs" onClick={props.onConfirm} loading={props.loading}>
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function routeAt(spec: Record<string, unknown> | undefined, i: number): unknown {
  const http = spec?.http;
  return Array.isArray(http) ? http[i] : undefined;
}

function sameOtherRoutes(
  a: Record<string, unknown> | undefined,
  b: Record<string, unknown> | undefined,
  i: number,
): boolean {
  const strip = (s: Record<string, unknown> | undefined) => {
    const http = Array.isArray(s?.http) ? [...(s.http as unknown[])] : [];
    http[i] = null;
    return JSON.stringify({ ...s, http });
  };
  return strip(a) === strip(b);
}
