'use client';

import { Alert, Badge, Button, Group, Text, Title, Tooltip } from '@mantine/core';
import Link from 'next/link';

import type { TraceView } from '@/server/model/trace';

import { formatDateTime, formatDuration, shortService } from './format';
import classes from './trace-header.module.css';
import { serviceColor } from './waterfall-model';

/** Namespaces of a trace's services (`<app>.<namespace>`), the gateway's only if alone. */
export function traceNamespaces(services: string[]): string[] {
  const all = [
    ...new Set(
      services.map((s) => s.slice(s.lastIndexOf('.') + 1)).filter((s) => s && !s.includes(':')),
    ),
  ];
  const app = all.filter((ns) => ns !== 'istio-system');
  return app.length ? app : all;
}

/** The trace page header: what the trace is, its size and errors, and the way to the graph. */
export function TraceHeader({ view }: { view: TraceView }) {
  const namespaces = traceNamespaces(view.services);
  const graphHref = `/graph?namespaces=${encodeURIComponent(namespaces.join(','))}&trace=${view.traceId}`;
  return (
    <header className={classes.header}>
      <Group justify="space-between" wrap="nowrap" gap="md">
        <div style={{ minWidth: 0 }}>
          <Title order={1} className={classes.title}>
            {shortService(view.rootService) || 'Trace'}
            <span className={classes.op}> {view.rootOperation}</span>
          </Title>
          <Text size="xs" c="dimmed" ff="monospace">
            {view.traceId}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          <Button component={Link} href="/traces" variant="default" size="xs">
            Search
          </Button>
          <Button component={Link} href={graphHref} size="xs" variant="light">
            Show on graph
          </Button>
        </Group>
      </Group>
      <dl className={classes.facts}>
        <Fact label="Start" value={formatDateTime(view.startUs)} />
        <Fact label="Duration" value={formatDuration(view.durationUs)} />
        <Fact label="Services" value={String(view.services.length)} />
        <Fact label="Depth" value={String(view.depth)} />
        <Fact label="Spans" value={view.spanCount.toLocaleString('en-US')} />
        <Fact
          label="Errors"
          value={String(view.errorCount)}
          color={view.errorCount ? 'var(--mantine-color-red-6)' : undefined}
        />
        <div className={classes.services}>
          {view.services.slice(0, 12).map((s, i) => (
            <Badge
              key={s}
              size="sm"
              variant="dot"
              color={serviceColor(i)}
              styles={{ root: { textTransform: 'none' } }}
            >
              {shortService(s)}
            </Badge>
          ))}
          {view.services.length > 12 && (
            <Text size="xs" c="dimmed">
              +{view.services.length - 12}
            </Text>
          )}
        </div>
      </dl>
      {view.warnings.length > 0 && (
        <Tooltip label={view.warnings.join(' · ')} multiline w={420}>
          <Alert color="yellow" variant="light" p={4} mt={6} className={classes.warn}>
            <Text size="xs">
              {view.warnings[0]}
              {view.warnings.length > 1 ? ` (+${view.warnings.length - 1} more)` : ''}
            </Text>
          </Alert>
        </Tooltip>
      )}
    </header>
  );
}

function Fact({ label, value, color }: { label: string; value: string; color?: string }) {
  return (
    <div className={classes.fact}>
      <dt>{label}</dt>
      <dd style={{ color }}>{value}</dd>
    </div>
  );
}
