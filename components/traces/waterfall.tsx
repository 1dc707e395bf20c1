'use client';

import { ActionIcon, Tooltip } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';

import type { TraceView } from '@/server/model/trace';

import { formatDuration } from './format';
import classes from './waterfall.module.css';
import { timeTicks, type ViewRange } from './waterfall-model';
import { WaterfallRow } from './waterfall-row';

export const ROW_HEIGHT = 24;
/** Rows rendered beyond the viewport on each side: smooth scrolling, bounded DOM. */
const OVERSCAN = 20;

export interface WaterfallProps {
  view: TraceView;
  /** Visible row indices (collapsed subtrees removed). */
  visible: number[];
  collapsed: ReadonlySet<number>;
  range: ViewRange;
  selected: number;
  matches?: ReadonlySet<number>;
  critical?: Map<number, [number, number][]>;
  /** Scrolls this row into view whenever `focus.nonce` changes. */
  focus?: { row: number; nonce: number };
  onToggle: (row: number) => void;
  onSelect: (row: number) => void;
  onExpandAll: () => void;
  onCollapseAll: () => void;
}

/**
 * The virtualized waterfall: only the rows in view (plus a small overscan) are mounted, so the
 * DOM stays small at 50,000 spans; rows are fixed-height and absolutely positioned.
 */
export function Waterfall(props: WaterfallProps) {
  const { view, visible, range, focus } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // Let React batch scroll updates instead of a synchronous render per scroll event.
    useFlushSync: false,
  });

  useEffect(() => {
    if (!focus || focus.row < 0) return;
    const idx = visible.indexOf(focus.row);
    if (idx >= 0) virtualizer.scrollToIndex(idx, { align: 'auto' });
    // Only a new focus request scrolls; `visible` changing alone must not jump the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus?.nonce]);

  const items = virtualizer.getVirtualItems();

  return (
    <div className={classes.wrap}>
      <WaterfallHeader
        range={range}
        onExpandAll={props.onExpandAll}
        onCollapseAll={props.onCollapseAll}
      />
      <div className={classes.body}>
        <GridLines range={range} />
        <div
          ref={scrollRef}
          className={classes.scroller}
          role="tree"
          aria-label={`Spans of trace ${view.traceId}`}
          data-testid="waterfall-scroller"
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = visible[item.index];
              return (
                <WaterfallRow
                  key={row}
                  view={view}
                  row={row}
                  y={item.start}
                  collapsed={props.collapsed.has(row)}
                  selected={props.selected === row}
                  match={props.matches?.has(row) ?? false}
                  range={range}
                  critical={props.critical?.get(row)}
                  onToggle={props.onToggle}
                  onSelect={props.onSelect}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * Column headers and time ticks. Memoized apart from the rows: the list re-renders on every
 * scroll frame, the header (Mantine tooltips included) only when the range changes.
 */
const WaterfallHeader = memo(function WaterfallHeader(props: {
  range: ViewRange;
  onExpandAll: () => void;
  onCollapseAll: () => void;
}) {
  const ticks = timeTicks(props.range);
  return (
    <div className={classes.header}>
      <div className={classes.headerName}>
        <span style={{ flex: 1 }}>Service &amp; operation</span>
        <Tooltip label="Expand all ( [ )">
          <ActionIcon
            size="xs"
            variant="subtle"
            color="gray"
            aria-label="Expand all"
            onClick={props.onExpandAll}
          >
            ⊞
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Collapse all ( ] )">
          <ActionIcon
            size="xs"
            variant="subtle"
            color="gray"
            aria-label="Collapse all"
            onClick={props.onCollapseAll}
          >
            ⊟
          </ActionIcon>
        </Tooltip>
      </div>
      <div className={classes.headerTime} aria-hidden="true">
        {ticks.map((t, i) => (
          <span
            key={t.us}
            className={classes.tick}
            data-edge={t.at < 0.04 ? 'start' : t.at > 0.96 ? 'end' : undefined}
            style={{ left: `${t.at * 100}%` }}
          >
            {i === 0 && t.us === 0 ? '0' : formatDuration(t.us)}
          </span>
        ))}
      </div>
    </div>
  );
});

/** Vertical tick lines behind the bars. */
const GridLines = memo(function GridLines({ range }: { range: ViewRange }) {
  return (
    <div className={classes.grid} aria-hidden="true">
      {timeTicks(range).map((t) => (
        <div key={t.us} className={classes.gridLine} style={{ left: `${t.at * 100}%` }} />
      ))}
    </div>
  );
});
