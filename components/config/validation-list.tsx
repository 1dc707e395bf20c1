'use client';

import { Badge, Code, Group, Paper, Stack, Text } from '@mantine/core';

import type { ValidationCheck } from '@/server/model/istio-config';

const COLOR = { error: 'red', warning: 'yellow', info: 'blue' } as const;

export interface ValidationListProps {
  checks: ValidationCheck[];
  /** Heading, e.g. "Validation" or "Dry run". */
  title: string;
  /** Shown when there are no findings. */
  emptyText?: string;
}

/** The findings for one object: severity, message, the offending field and the code. */
export function ValidationList({ checks, title, emptyText }: ValidationListProps) {
  return (
    <Paper withBorder p="xs" radius="sm" aria-label={title} component="section">
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
        {title}
      </Text>
      {checks.length === 0 ? (
        <Text size="sm" c="teal">
          ✓ {emptyText ?? 'No problems found'}
        </Text>
      ) : (
        <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {checks.map((c, i) => (
            <Group key={i} gap="xs" wrap="nowrap" align="flex-start" component="li">
              <Badge
                size="xs"
                color={COLOR[c.severity]}
                variant="light"
                w={62}
                style={{ flex: 'none' }}
              >
                {c.severity}
              </Badge>
              <Text size="sm" style={{ flex: 1 }}>
                {c.message}
                <Text span size="xs" c="dimmed">
                  {' '}
                  at <Code fz={11}>{c.path}</Code> · {c.code}
                </Text>
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
