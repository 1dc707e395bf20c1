'use client';

import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { useTrace } from '@/components/queries/use-trace';
import { useTraceFind } from '@/components/queries/use-trace-find';
import type { TraceView } from '@/server/model/trace';

import { SpanDetailPanel } from './span-detail-panel';
import { TraceHeader } from './trace-header';
import { TraceMinimap } from './trace-minimap';
import classes from './trace-page.module.css';
import { TraceToolbar } from './trace-toolbar';
import { Waterfall } from './waterfall';
import {
  allCollapsible,
  criticalByRow,
  revealRow,
  stepThrough,
  type ViewRange,
  visibleRows,
} from './waterfall-model';

/** `/traces/[traceId]`: loads the trace (computed server-side) and shows its waterfall. */
export function TracePage({ traceId }: { traceId: string }) {
  const trace = useTrace(traceId);
  if (trace.isPending) {
    return (
      <Group p="lg" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          Loading trace {traceId}…
        </Text>
      </Group>
    );
  }
  if (trace.isError) {
    return (
      <Stack p="lg" maw={640}>
        <Alert color="red" variant="light" title="Cannot show this trace">
          {trace.error.message}
        </Alert>
        <Button component={Link} href="/traces" variant="default" w="fit-content">
          Back to search
        </Button>
      </Stack>
    );
  }
  return <TraceExplorer key={traceId} view={trace.data} />;
}

function TraceExplorer({ view }: { view: TraceView }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set());
  const [range, setRange] = useState<ViewRange>({ start: 0, end: view.durationUs || 1 });
  const [selected, setSelected] = useState(-1);
  const [critical, setCritical] = useState(false);
  const [find, setFind] = useState('');
  const [debouncedFind] = useDebouncedValue(find, 250);
  const [focus, setFocus] = useState<{ row: number; nonce: number }>({ row: -1, nonce: 0 });
  const inputRef = useRef<HTMLInputElement>(null);

  const visible = useMemo(() => visibleRows(view.rows, collapsed), [view, collapsed]);
  const criticalRows = useMemo(
    () => (critical ? criticalByRow(view.criticalPath) : undefined),
    [critical, view],
  );
  const found = useTraceFind(view.traceId, debouncedFind);
  const matchList = useMemo(
    () => (find.trim() && found.data ? found.data.rows : undefined),
    [find, found.data],
  );
  const matches = useMemo(() => (matchList ? new Set(matchList) : undefined), [matchList]);

  const goTo = useCallback(
    (row: number) => {
      if (row < 0) return;
      setCollapsed((c) => revealRow(view.rows, c, row));
      setSelected(row);
      setFocus((f) => ({ row, nonce: f.nonce + 1 }));
    },
    [view],
  );
  const onToggle = useCallback((row: number) => {
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(row)) next.add(row);
      return next;
    });
  }, []);
  const onSelect = useCallback((row: number) => setSelected((s) => (s === row ? -1 : row)), []);
  const expandAll = useCallback(() => setCollapsed(new Set()), []);
  const collapseAll = useCallback(() => {
    setCollapsed(allCollapsible(view.rows));
    setSelected(-1);
  }, [view]);
  const stepMatch = useCallback(
    (dir: 1 | -1) => {
      if (matchList?.length) goTo(stepThrough(matchList, selected, dir));
    },
    [matchList, selected, goTo],
  );

  // Keyboard shortcuts (Jaeger UI's set): ignored while typing, except Escape.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = (e.target as HTMLElement | null)?.closest(
        'input, textarea, [contenteditable]',
      );
      if (e.key === 'Escape') {
        if (find) setFind('');
        else setSelected(-1);
        inputRef.current?.blur();
        return;
      }
      if ((e.key === 'b' && (e.ctrlKey || e.metaKey)) || (e.key === '/' && !typing)) {
        e.preventDefault();
        inputRef.current?.focus();
        inputRef.current?.select();
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'f' || e.key === 'b') {
        const pos = visible.indexOf(selected);
        const next = e.key === 'f' ? Math.min(visible.length - 1, pos + 1) : Math.max(0, pos - 1);
        goTo(visible[pos < 0 ? 0 : next]);
      } else if (e.key === ']') collapseAll();
      else if (e.key === '[') expandAll();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [find, visible, selected, goTo, collapseAll, expandAll]);

  const matchIndex = matchList ? matchList.indexOf(selected) + 1 : 0;

  return (
    <div className={classes.page}>
      <TraceHeader view={view} />
      <TraceMinimap view={view} range={range} onRange={setRange} />
      <TraceToolbar
        find={find}
        onFind={setFind}
        matchCount={matchList?.length}
        matchIndex={matchIndex}
        searching={found.isFetching}
        onStep={stepMatch}
        critical={critical}
        onCritical={setCritical}
        inputRef={inputRef}
        visibleCount={visible.length}
        spanCount={view.spanCount}
      />
      <div className={classes.body}>
        <Waterfall
          view={view}
          visible={visible}
          collapsed={collapsed}
          range={range}
          selected={selected}
          matches={matches}
          critical={criticalRows}
          focus={focus}
          onToggle={onToggle}
          onSelect={onSelect}
          onExpandAll={expandAll}
          onCollapseAll={collapseAll}
        />
        {selected >= 0 && selected < view.spanCount && (
          <SpanDetailPanel view={view} row={selected} onClose={() => setSelected(-1)} />
        )}
      </div>
    </div>
  );
}
