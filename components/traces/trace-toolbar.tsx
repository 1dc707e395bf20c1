'use client';

import { ActionIcon, Group, Kbd, Loader, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import type { RefObject } from 'react';

export interface TraceToolbarProps {
  find: string;
  onFind: (q: string) => void;
  /** Match count, or undefined while no search is active. */
  matchCount?: number;
  /** 1-based position of the current match, 0 when none is selected. */
  matchIndex: number;
  searching: boolean;
  onStep: (dir: 1 | -1) => void;
  critical: boolean;
  onCritical: (on: boolean) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  visibleCount: number;
  spanCount: number;
}

const SHORTCUTS: [string, string][] = [
  ['f / b', 'next / previous span'],
  ['] / [', 'collapse / expand all'],
  ['/ or ctrl+b', 'search spans'],
  ['enter / shift+enter', 'next / previous match'],
  ['esc', 'clear search, close detail'],
];

/** Search within the trace (server-side match over tags too), match stepping, overlays. */
export function TraceToolbar(p: TraceToolbarProps) {
  return (
    <Group
      gap="sm"
      px="sm"
      py={6}
      wrap="nowrap"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <TextInput
        ref={p.inputRef}
        size="xs"
        w={300}
        placeholder="Find in trace: service, operation, tag=value…"
        aria-label="Find in trace"
        value={p.find}
        onChange={(e) => p.onFind(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            p.onStep(e.shiftKey ? -1 : 1);
          }
        }}
        rightSection={p.searching ? <Loader size={12} /> : undefined}
      />
      {p.matchCount !== undefined && (
        <Text size="xs" c={p.matchCount ? undefined : 'dimmed'} aria-live="polite" miw={90}>
          {p.matchCount ? `${p.matchIndex || '–'} of ${p.matchCount} matches` : 'No matches'}
        </Text>
      )}
      <ActionIcon.Group>
        <ActionIcon
          variant="default"
          size="sm"
          aria-label="Previous match"
          onClick={() => p.onStep(-1)}
          disabled={!p.matchCount}
        >
          ↑
        </ActionIcon>
        <ActionIcon
          variant="default"
          size="sm"
          aria-label="Next match"
          onClick={() => p.onStep(1)}
          disabled={!p.matchCount}
        >
          ↓
        </ActionIcon>
      </ActionIcon.Group>
      <Switch
        size="xs"
        label="Critical path"
        checked={p.critical}
        onChange={(e) => p.onCritical(e.currentTarget.checked)}
      />
      <Text size="xs" c="dimmed" ml="auto">
        {p.visibleCount.toLocaleString('en-US')} of {p.spanCount.toLocaleString('en-US')} spans
        shown
      </Text>
      <Tooltip
        multiline
        w={260}
        label={
          <div>
            {SHORTCUTS.map(([k, v]) => (
              <div key={k}>
                <Kbd size="xs">{k}</Kbd> {v}
              </div>
            ))}
          </div>
        }
      >
        <ActionIcon variant="subtle" color="gray" size="sm" aria-label="Keyboard shortcuts">
          ⌨
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
