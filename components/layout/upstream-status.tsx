'use client';

import { Group, Indicator, Text, Tooltip } from '@mantine/core';

import { useUpstreamStatus } from '@/components/queries/use-upstream-status';
import type { StatusReport } from '@/server/model/status';

const NAMES: Record<keyof StatusReport, string> = {
  kubernetes: 'Kubernetes',
  prometheus: 'Prometheus',
  jaeger: 'Jaeger',
};

/** Three dots in the header: green when an upstream answers, red with the reason when not. */
export function UpstreamStatus() {
  const { data, error } = useUpstreamStatus();
  return (
    <Group gap="md" wrap="nowrap" aria-label="Upstream status">
      {(Object.keys(NAMES) as (keyof StatusReport)[]).map((key) => {
        const h = data?.[key];
        const color = error ? 'red' : !h ? 'gray' : h.ok ? 'teal' : 'red';
        const label = error
          ? `${NAMES[key]}: console server unreachable`
          : !h
            ? `${NAMES[key]}: checking…`
            : h.ok
              ? `${NAMES[key]}: reachable (${h.latencyMs} ms)`
              : `${NAMES[key]}: ${h.error ?? 'unreachable'}`;
        return (
          <Tooltip key={key} label={label}>
            <Group gap={6} wrap="nowrap" aria-label={label} role="status">
              <Indicator color={color} size={8} processing={!h && !error} position="middle-start">
                <span />
              </Indicator>
              <Text size="xs" c="dimmed">
                {NAMES[key]}
              </Text>
            </Group>
          </Tooltip>
        );
      })}
    </Group>
  );
}
