'use client';

import { Badge, Group, SegmentedControl, Text, UnstyledButton } from '@mantine/core';
import Link from 'next/link';
import { useMemo } from 'react';

import type { TraceSummary } from '@/server/model/trace';

import { formatAgo, formatDateTime, formatDuration, shortService } from './format';
import type { TraceSort } from './search-url';
import classes from './trace-results.module.css';
import { serviceColor } from './waterfall-model';

export interface TraceResultsProps {
  traces: TraceSummary[];
  sort: TraceSort;
  onSort: (sort: TraceSort) => void;
  /** When the results were fetched, ms since the epoch ("5m ago"). */
  now: number;
}

const SORTERS: Record<TraceSort, (a: TraceSummary, b: TraceSummary) => number> = {
  recent: (a, b) => b.startUs - a.startUs,
  longest: (a, b) => b.durationUs - a.durationUs,
  shortest: (a, b) => a.durationUs - b.durationUs,
  'most-spans': (a, b) => b.spanCount - a.spanCount,
  'least-spans': (a, b) => a.spanCount - b.spanCount,
};

/** Sorts without mutating (react-query data is shared). */
export function sortTraces(traces: TraceSummary[], sort: TraceSort): TraceSummary[] {
  return [...traces].sort(SORTERS[sort]);
}

/** Search results: root service and operation, duration bar, span/error counts, services. */
export function TraceResults({ traces, sort, onSort, now }: TraceResultsProps) {
  const sorted = useMemo(() => sortTraces(traces, sort), [traces, sort]);
  const max = Math.max(1, ...traces.map((t) => t.durationUs));
  // One colour per service across the list, in order of appearance.
  const colorOf = useMemo(() => {
    const m = new Map<string, number>();
    for (const t of traces) for (const s of t.services) if (!m.has(s.name)) m.set(s.name, m.size);
    return m;
  }, [traces]);

  return (
    <div className={classes.wrap}>
      <Group justify="space-between" px="sm" py={6} className={classes.toolbar}>
        <Text size="sm" fw={600}>
          {traces.length} {traces.length === 1 ? 'trace' : 'traces'}
        </Text>
        <SegmentedControl
          size="xs"
          aria-label="Sort traces"
          value={sort}
          onChange={(v) => onSort(v as TraceSort)}
          data={[
            { value: 'recent', label: 'Most recent' },
            { value: 'longest', label: 'Longest' },
            { value: 'most-spans', label: 'Most spans' },
          ]}
        />
      </Group>
      <ul className={classes.list} aria-label="Traces">
        {sorted.map((t) => (
          <li key={t.traceId}>
            <UnstyledButton
              component={Link}
              href={`/traces/${t.traceId}`}
              className={classes.row}
              aria-label={`${shortService(t.rootService)}: ${t.rootOperation} (${formatDuration(t.durationUs)}, ${t.spanCount} spans)`}
            >
              <div className={classes.head}>
                <Text size="sm" fw={600} truncate>
                  {shortService(t.rootService) || 'unknown root'}
                  <Text span size="sm" fw={400} c="dimmed">
                    {' '}
                    {t.rootOperation}
                  </Text>
                </Text>
                <Text size="xs" c="dimmed" ff="monospace" className={classes.id}>
                  {t.traceId.slice(0, 7)}
                </Text>
              </div>
              <div className={classes.barRow}>
                <div className={classes.track}>
                  <div
                    className={classes.fill}
                    data-error={t.errorCount > 0 || undefined}
                    style={{ width: `${Math.max(1, (t.durationUs / max) * 100)}%` }}
                  />
                </div>
                <Text size="sm" ff="monospace" className={classes.duration}>
                  {formatDuration(t.durationUs)}
                </Text>
              </div>
              <Group gap={6} wrap="wrap">
                <Text size="xs" c="dimmed" title={formatDateTime(t.startUs)}>
                  {formatAgo(t.startUs, now)} · {t.spanCount} spans
                </Text>
                {t.errorCount > 0 && (
                  <Badge size="xs" color="red" variant="filled">
                    {t.errorCount} {t.errorCount === 1 ? 'error' : 'errors'}
                  </Badge>
                )}
                {t.services.slice(0, 8).map((s) => (
                  <Badge
                    key={s.name}
                    size="xs"
                    variant="outline"
                    tt="none"
                    color={serviceColor(colorOf.get(s.name) ?? 0)}
                    title={`${s.name}: ${s.spanCount} spans${s.errorCount ? `, ${s.errorCount} errors` : ''}`}
                  >
                    {shortService(s.name)} {s.spanCount}
                  </Badge>
                ))}
                {t.services.length > 8 && (
                  <Text size="xs" c="dimmed">
                    +{t.services.length - 8} more
                  </Text>
                )}
              </Group>
            </UnstyledButton>
          </li>
        ))}
      </ul>
    </div>
  );
}
