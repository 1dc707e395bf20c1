'use client';

import { CloseButton, Group, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';

import { BADGE_ICONS, BADGE_ORDER, badgeStrip } from './badge-icons';
import { graphPalette } from './cy-style';
import classes from './graph-page.module.css';

function Shape({ d, stroke, dashed }: { d: string; stroke: string; dashed?: boolean }) {
  return (
    <svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true">
      <path
        d={d}
        fill="none"
        stroke={stroke}
        strokeWidth="1.6"
        strokeDasharray={dashed ? '3 2' : undefined}
      />
    </svg>
  );
}

const SHAPES = [
  { label: 'App', d: 'M2 3 h14 v8 h-14 z' },
  { label: 'Workload', d: 'M9 2 a5 5 0 1 0 0.01 0' },
  { label: 'Service', d: 'M9 1 L16 7 L9 13 L2 7 z' },
  { label: 'Service entry', d: 'M5 3 H16 L13 11 H2 z' },
];

// Every badge gets a line: the icons are only readable once learnt.
const LEGEND_BADGES = BADGE_ORDER;

/** A compact legend of shapes, health colours and edge styles; collapsible to one button. */
export function GraphLegend({ dark }: { dark: boolean }) {
  const [open, setOpen] = useState(true);
  const p = graphPalette(dark);
  if (!open)
    return (
      <UnstyledButton
        className={classes.legend}
        onClick={() => setOpen(true)}
        aria-label="Show legend"
      >
        Legend
      </UnstyledButton>
    );
  const line = (color: string, dashed = false) => (
    <svg width="22" height="8" aria-hidden="true">
      <line
        x1="1"
        y1="4"
        x2="21"
        y2="4"
        stroke={color}
        strokeWidth="2"
        strokeDasharray={dashed ? '4 3' : undefined}
      />
    </svg>
  );
  return (
    <div className={classes.legend} role="region" aria-label="Legend">
      <Group justify="space-between" mb={4} gap="xs">
        <Text size="xs" fw={600}>
          Legend
        </Text>
        <CloseButton size="xs" aria-label="Hide legend" onClick={() => setOpen(false)} />
      </Group>
      <Group gap="lg" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          {SHAPES.map((s) => (
            <Group key={s.label} gap={6} wrap="nowrap">
              <Shape d={s.d} stroke={p.text} />
              <span>{s.label}</span>
            </Group>
          ))}
          <Group gap={6} wrap="nowrap">
            <Shape d="M9 2 a5 5 0 1 0 0.01 0" stroke={p.idle} dashed />
            <span>Unknown / idle</span>
          </Group>
        </Stack>
        <Stack gap={2}>
          <Group gap={6} wrap="nowrap">
            {line(p.edge)}Healthy
          </Group>
          <Group gap={6} wrap="nowrap">
            {line(p.degraded)}Degraded
          </Group>
          <Group gap={6} wrap="nowrap">
            {line(p.failure)}Failure
          </Group>
          <Group gap={6} wrap="nowrap">
            {line(p.tcp, true)}TCP
          </Group>
          <Group gap={6} wrap="nowrap">
            {line(p.idle, true)}Idle
          </Group>
        </Stack>
        <Stack gap={2}>
          <span>◎ Double ring: source</span>
          <span>Tinted: gateway</span>
        </Stack>
        <SimpleGrid cols={2} spacing={10} verticalSpacing={2} role="list" aria-label="Badges">
          {LEGEND_BADGES.map((b) => (
            <Group key={b} gap={5} wrap="nowrap" role="listitem">
              <span
                aria-hidden="true"
                style={{ display: 'inline-flex' }}
                // Our own static SVG (badge-icons.ts): the same chips the graph draws.
                dangerouslySetInnerHTML={{ __html: badgeStrip([b])!.svg }}
              />
              <span style={{ whiteSpace: 'nowrap' }}>{BADGE_ICONS[b].title}</span>
            </Group>
          ))}
        </SimpleGrid>
      </Group>
    </div>
  );
}
