'use client';

import { Badge, Group, Progress, SimpleGrid, Skeleton, Table, Text } from '@mantine/core';
import { useComputedColorScheme } from '@mantine/core';
import { type ReactNode, useMemo } from 'react';

import { EChart } from '@/components/charts/echart';
import { healthColor } from '@/components/layout/theme';
import { type GraphMetricsTarget, useGraphMetrics } from '@/components/queries/use-graph-metrics';
import type { Health, TrafficRates } from '@/server/model/graph';

import { formatPercent, formatRps } from './format';
import classes from './graph-page.module.css';
import { codeClasses } from './graph-summary';
import { sparklineOption } from './sparkline-option';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className={classes.panelSection} aria-label={title}>
      <div className={classes.sectionTitle}>{title}</div>
      {children}
    </section>
  );
}

export function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <div className={classes.stat}>{value}</div>
      <div className={classes.statLabel}>{label}</div>
    </div>
  );
}

export function StatGrid({ children }: { children: ReactNode }) {
  return (
    <SimpleGrid cols={4} spacing="xs">
      {children}
    </SimpleGrid>
  );
}

export function HealthBadge({ health }: { health: Health }) {
  return (
    <Badge size="sm" variant="light" color={healthColor[health]}>
      {health}
    </Badge>
  );
}

/** Traffic split by response-code class, as a table with share bars. */
export function RatesTable({ rates, label }: { rates: TrafficRates; label: string }) {
  const rows = codeClasses(rates).filter((r) => r.rps > 0 || r.label === '2xx');
  return (
    <Table verticalSpacing={2} horizontalSpacing={4} fz="xs" aria-label={label}>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.label}>
            <Table.Td w={84}>{r.label}</Table.Td>
            <Table.Td>
              <Progress value={r.percent} color={r.color} size="sm" aria-hidden="true" />
            </Table.Td>
            <Table.Td className={classes.num} w={64}>
              {formatRps(r.rps)}
            </Table.Td>
            <Table.Td className={classes.num} w={56}>
              {formatPercent(r.percent)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Sparklines (rps, error %, latency) for a node or edge over the selected window. */
export function MetricsCharts(props: {
  target: GraphMetricsTarget;
  duration: number;
  queryTime?: number;
  refresh: number;
  tcp?: boolean;
}) {
  const dark = useComputedColorScheme('light', { getInitialValueInEffect: true }) === 'dark';
  const params = useMemo(
    () => ({ target: props.target, duration: props.duration, queryTime: props.queryTime }),
    [props.target, props.duration, props.queryTime],
  );
  const q = useGraphMetrics(params, props.refresh);
  const s = q.data?.series;
  const options = useMemo(() => {
    if (!s) return null;
    if (props.tcp)
      return [
        {
          title: 'TCP bytes/s',
          option: sparklineOption(
            [
              { name: 'sent', points: s.tcpSent, color: '#1c7ed6', area: true },
              { name: 'received', points: s.tcpReceived, color: '#7048e8' },
            ],
            'B/s',
            dark,
          ),
        },
      ];
    return [
      {
        title: 'Requests/s',
        option: sparklineOption(
          [{ name: 'rps', points: s.rps, color: '#12b886', area: true }],
          'rps',
          dark,
        ),
      },
      {
        title: 'Error %',
        option: sparklineOption(
          [{ name: 'errors', points: s.errorPercent, color: '#fa5252', area: true }],
          '%',
          dark,
        ),
      },
      {
        title: 'Latency p50 / p95 / p99',
        option: sparklineOption(
          [
            { name: 'p50', points: s.p50, color: '#4c6ef5' },
            { name: 'p95', points: s.p95, color: '#f59f00' },
            { name: 'p99', points: s.p99, color: '#e64980' },
          ],
          'ms',
          dark,
        ),
      },
    ];
  }, [s, props.tcp, dark]);

  if (q.isError && !q.data)
    return (
      <Text size="xs" c="red">
        Charts unavailable: {q.error.message}
      </Text>
    );
  if (!options) return <Skeleton h={90} />;
  return (
    <>
      {options.map((o) => (
        <div key={o.title}>
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {o.title}
            </Text>
          </Group>
          <EChart
            option={o.option}
            ariaLabel={`${o.title} over the window`}
            style={{ height: 86 }}
          />
        </div>
      ))}
    </>
  );
}
