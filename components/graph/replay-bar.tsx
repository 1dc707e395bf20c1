'use client';

import { ActionIcon, Button, Group, SegmentedControl, Slider, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';

import { formatClock } from './format';
import classes from './graph-page.module.css';

export interface ReplayBarProps {
  /** The replayed window end (unix s), undefined when live. */
  queryTime?: number;
  onQueryTime: (t: number | undefined) => void;
}

/** Seconds the clock moves per frame, as in Kiali's replay. */
const FRAME_STEP = 10;
const SPEEDS: Record<string, number> = { slow: 3000, medium: 1500, fast: 700 };

const clock = formatClock;

/**
 * Replay: pick how far back to start (5/10/30 min), then play the graph forward in 10 s steps
 * (each step re-queries the graph with `queryTime`), or scrub with the slider.
 */
export function ReplayBar({ queryTime, onQueryTime }: ReplayBarProps) {
  const [range, setRange] = useState<{ start: number; end: number } | null>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState('medium');

  useEffect(() => {
    if (!playing || !range || queryTime === undefined) return;
    const id = window.setTimeout(() => {
      const next = queryTime + FRAME_STEP;
      if (next >= range.end) {
        setPlaying(false);
        onQueryTime(range.end);
      } else onQueryTime(next);
    }, SPEEDS[speed]);
    return () => window.clearTimeout(id);
  }, [playing, range, queryTime, speed, onQueryTime]);

  const start = (minutes: number) => {
    const end = Math.floor(Date.now() / 1000);
    const begin = end - minutes * 60;
    setRange({ start: begin, end });
    onQueryTime(begin);
    setPlaying(true);
  };

  if (queryTime !== undefined && !range) {
    // Opened from a link or a reload: a fixed point in time, without a window to play through.
    return (
      <Group className={classes.replay} gap={6} wrap="nowrap" role="group" aria-label="Replay">
        <Text size="xs">Graph at {clock(queryTime)}</Text>
        <Button size="compact-xs" variant="light" onClick={() => onQueryTime(undefined)}>
          Live
        </Button>
      </Group>
    );
  }
  if (queryTime === undefined || !range) {
    return (
      <Group className={classes.replay} gap={6} wrap="nowrap" role="group" aria-label="Replay">
        <Text size="xs" c="dimmed">
          Replay the last
        </Text>
        {[5, 10, 30].map((m) => (
          <Button key={m} size="compact-xs" variant="default" onClick={() => start(m)}>
            {m} min
          </Button>
        ))}
      </Group>
    );
  }
  return (
    <Group
      className={classes.replay}
      gap={8}
      wrap="nowrap"
      role="group"
      aria-label="Replay"
      w={460}
    >
      <Tooltip label={playing ? 'Pause replay' : 'Play replay'}>
        <ActionIcon
          variant="filled"
          aria-label={playing ? 'Pause replay' : 'Play replay'}
          onClick={() => setPlaying((p) => !p)}
        >
          {playing ? '❚❚' : '▶'}
        </ActionIcon>
      </Tooltip>
      <Slider
        style={{ flex: 1 }}
        size="sm"
        min={range.start}
        max={range.end}
        step={FRAME_STEP}
        value={Math.min(range.end, Math.max(range.start, queryTime))}
        onChange={(v) => {
          setPlaying(false);
          onQueryTime(v);
        }}
        label={clock}
        // The thumb is what screen readers and keyboards reach: name it and speak the time.
        thumbLabel="Replay position"
        thumbProps={{ 'aria-valuetext': clock(queryTime) } as React.ComponentProps<'div'>}
      />
      <Text size="xs" className={classes.num} w={60}>
        {clock(queryTime)}
      </Text>
      <SegmentedControl
        size="xs"
        value={speed}
        onChange={setSpeed}
        data={[
          { value: 'slow', label: '½×' },
          { value: 'medium', label: '1×' },
          { value: 'fast', label: '2×' },
        ]}
        aria-label="Replay speed"
      />
      <Button
        size="compact-xs"
        variant="light"
        onClick={() => {
          setPlaying(false);
          setRange(null);
          onQueryTime(undefined);
        }}
      >
        Live
      </Button>
    </Group>
  );
}
