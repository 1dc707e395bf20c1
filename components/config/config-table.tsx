'use client';

import { Badge, Table, Text, Tooltip } from '@mantine/core';
import Link from 'next/link';

import type { IstioObjectSummary } from '@/server/model/istio-config';

import classes from './config-list-page.module.css';
import { configPath, KIND_SHORT } from './kinds';
import { ValidationIcon } from './validation-icon';

/** "3m", "5h", "2d": age as kubectl prints it. */
export function age(createdAt: string, now: number): string {
  const t = Date.parse(createdAt);
  if (Number.isNaN(t)) return '–';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172_800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

export interface ConfigTableProps {
  items: IstioObjectSummary[];
  now: number;
}

/** The dense object table: status, name, kind, hosts, first finding, version, age. */
export function ConfigTable({ items, now }: ConfigTableProps) {
  return (
    <Table
      className={classes.table}
      striped
      highlightOnHover
      verticalSpacing={4}
      horizontalSpacing="sm"
      stickyHeader
      aria-label="Istio objects"
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={56}>Status</Table.Th>
          <Table.Th>Name</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Hosts</Table.Th>
          <Table.Th>Findings</Table.Th>
          <Table.Th>API version</Table.Th>
          <Table.Th ta="right">Age</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((o) => {
          const first = o.validation.checks.find((c) => c.severity !== 'info');
          const more = o.validation.checks.filter((c) => c.severity !== 'info').length - 1;
          return (
            <Table.Tr key={`${o.kind}/${o.name}`}>
              <Table.Td>
                <ValidationIcon validation={o.validation} />
              </Table.Td>
              <Table.Td>
                <Link className={classes.name} href={configPath(o.namespace, o.kind, o.name)}>
                  {o.name}
                </Link>
              </Table.Td>
              <Table.Td>
                <Tooltip label={o.kind}>
                  <Badge size="sm" variant="light" color="gray" radius="sm">
                    {KIND_SHORT[o.kind]}
                  </Badge>
                </Tooltip>
                <Text span size="xs" c="dimmed" ml={6}>
                  {o.kind}
                </Text>
              </Table.Td>
              <Table.Td className={classes.mono}>{o.hosts.join(', ') || '–'}</Table.Td>
              <Table.Td>
                {first ? (
                  <Text
                    size="xs"
                    className={classes.finding}
                    c={first.severity === 'error' ? 'red' : 'yellow.8'}
                  >
                    {first.message}
                    {more > 0 ? ` (+${more} more)` : ''}
                  </Text>
                ) : (
                  <Text size="xs" c="dimmed">
                    –
                  </Text>
                )}
              </Table.Td>
              <Table.Td className={classes.mono}>{o.apiVersion}</Table.Td>
              <Table.Td ta="right" className={classes.mono}>
                {age(o.createdAt, now)}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
