'use client';

import { Anchor, Button, Code, List, Paper, Text, Title } from '@mantine/core';

import { formatClock, formatWindow } from './format';
import { DURATION_OPTIONS, type GraphViewState } from './graph-url-state';

export interface GraphEmptyStateProps {
  view: GraphViewState;
  /** The API returned nodes, but the Hide expression left none of them. */
  hiddenAll: boolean;
  onChange: (patch: Partial<GraphViewState>) => void;
}

/** The next window worth offering when the current one saw nothing (10m, then 1h, then 1d). */
function widerWindow(duration: number): number | undefined {
  return [600, 3600, 86400].find((d) => d > duration);
}

/**
 * What the graph area says when there is nothing to draw, with the ways out that fit the cause:
 * a Hide expression that matched everything, a quiet namespace now, or a quiet replayed minute.
 */
export function GraphEmptyState({ view, hiddenAll, onChange }: GraphEmptyStateProps) {
  const ns = view.namespaces.join(', ');
  if (hiddenAll)
    return (
      <Paper withBorder p="lg" maw={440} shadow="xs">
        <Title order={2} size="h3" mb="xs">
          Hide leaves nothing to draw
        </Title>
        <Text size="sm">
          Every node in {ns} matches <Code>{view.hide}</Code>.
        </Text>
        <Button size="xs" mt="sm" variant="light" onClick={() => onChange({ hide: '' })}>
          Clear Hide
        </Button>
      </Paper>
    );

  const span = formatWindow(view.duration);
  const wider = widerWindow(view.duration);
  const widerLabel = wider && DURATION_OPTIONS.find((d) => d.value === wider)?.label;
  const replaying = view.queryTime !== undefined;
  return (
    <Paper withBorder p="lg" maw={460} shadow="xs">
      <Title order={2} size="h3" mb="xs">
        {replaying
          ? `No traffic in ${ns} in the ${span} before ${formatClock(view.queryTime!)}`
          : `No traffic in ${ns} in the last ${span}`}
      </Title>
      <List size="sm" spacing={4}>
        {replaying ? (
          <List.Item>
            Play on, or go back to{' '}
            <Anchor component="button" size="sm" onClick={() => onChange({ queryTime: undefined })}>
              the live graph
            </Anchor>
            .
          </List.Item>
        ) : (
          <List.Item>Is the demo or your load generator running?</List.Item>
        )}
        {wider && widerLabel && (
          <List.Item>
            Widen the window:{' '}
            <Anchor component="button" size="sm" onClick={() => onChange({ duration: wider })}>
              {widerLabel.toLowerCase()}
            </Anchor>
          </List.Item>
        )}
        {!view.idleNodes && (
          <List.Item>
            <Anchor component="button" size="sm" onClick={() => onChange({ idleNodes: true })}>
              Show idle nodes
            </Anchor>{' '}
            to see services that got no requests.
          </List.Item>
        )}
      </List>
    </Paper>
  );
}
