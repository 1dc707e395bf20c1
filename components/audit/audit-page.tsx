'use client';

import {
  Alert,
  Badge,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Fragment, useState } from 'react';

import { useAudit } from '@/components/queries/use-audit';
import type { AuditEntry } from '@/server/model/audit';

import { AuditDiff } from './audit-diff';
import classes from './audit-page.module.css';

const ACTION_COLOR: Record<AuditEntry['action'], string> = {
  create: 'teal',
  update: 'indigo',
  delete: 'red',
};

/** /audit: every change made through Meshscope, newest first, each with its diff. */
export function AuditPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const namespace = params.get('namespace') ?? '';
  const limit = Number(params.get('limit') ?? 200) || 200;
  const [open, setOpen] = useState<string | null>(null);
  const audit = useAudit({ namespace: namespace || undefined, limit });

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${pathname}?${next}`);
  };

  return (
    <div className={classes.page}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={1}>Audit</Title>
            <Text size="sm" c="dimmed">
              Every change made through Meshscope: who, when, which object, and the spec before and
              after.
            </Text>
          </div>
          <Group gap="xs">
            <TextInput
              size="xs"
              label="Namespace"
              placeholder="all"
              defaultValue={namespace}
              w={160}
              onKeyDown={(e) =>
                e.key === 'Enter' && setParam('namespace', e.currentTarget.value.trim())
              }
              onBlur={(e) => setParam('namespace', e.currentTarget.value.trim())}
            />
            <Select
              size="xs"
              label="Show"
              w={100}
              allowDeselect={false}
              value={String(limit)}
              data={['50', '200', '1000']}
              onChange={(v) => v && setParam('limit', v === '200' ? '' : v)}
            />
          </Group>
        </Group>
        {audit.isPending && <Loader size="sm" />}
        {audit.isError && (
          <Alert color="red" title="Cannot load the audit trail" role="alert">
            {audit.error.message}
          </Alert>
        )}
        {audit.data && (
          <>
            <Text size="xs" c="dimmed">
              {audit.data.total} change{audit.data.total === 1 ? '' : 's'}
              {namespace ? ` in ${namespace}` : ''}
              {audit.data.total > audit.data.entries.length
                ? `, newest ${audit.data.entries.length} shown`
                : ''}
            </Text>
            <Table
              className={classes.table}
              highlightOnHover
              verticalSpacing={4}
              horizontalSpacing="sm"
              aria-label="Audit trail"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={170}>Time</Table.Th>
                  <Table.Th w={110}>User</Table.Th>
                  <Table.Th w={80}>Action</Table.Th>
                  <Table.Th>Object</Table.Th>
                  <Table.Th>Change</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {audit.data.entries.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text size="sm" c="dimmed" ta="center" py="md">
                        No changes recorded yet.
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {audit.data.entries.map((e) => (
                  <Fragment key={e.id}>
                    <Table.Tr
                      className={classes.row}
                      data-open={open === e.id || undefined}
                      onClick={() => setOpen(open === e.id ? null : e.id)}
                      aria-expanded={open === e.id}
                      tabIndex={0}
                      onKeyDown={(ev) =>
                        (ev.key === 'Enter' || ev.key === ' ') &&
                        setOpen(open === e.id ? null : e.id)
                      }
                    >
                      <Table.Td className={classes.mono}>{formatTime(e.time)}</Table.Td>
                      <Table.Td>{e.user}</Table.Td>
                      <Table.Td>
                        <Badge size="xs" variant="light" color={ACTION_COLOR[e.action]}>
                          {e.action}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text span size="sm">
                          {e.kind}{' '}
                        </Text>
                        <Text span size="sm" className={classes.mono}>
                          {e.namespace}/{e.name}
                        </Text>
                        <Text span size="xs" c="dimmed">
                          {' '}
                          {e.apiVersion.split('/')[1]}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={1}>
                          {e.summary ?? '—'}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                    {open === e.id && (
                      <Table.Tr>
                        <Table.Td colSpan={5} className={classes.detail}>
                          <AuditDiff entry={e} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </div>
  );
}

/** Local time to the second, sortable at a glance: `2026-11-22 00:12:03`. */
function formatTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
