'use client';

import { memo } from 'react';

import { ROW_FLAG, type TraceView } from '@/server/model/trace';

import { formatDuration, shortService } from './format';
import classes from './waterfall.module.css';
import { barGeometry, serviceColor, type ViewRange } from './waterfall-model';

export interface WaterfallRowProps {
  view: TraceView;
  row: number;
  y: number;
  collapsed: boolean;
  selected: boolean;
  match: boolean;
  range: ViewRange;
  /** Critical-path stretches of this row, µs from trace start (only when the overlay is on). */
  critical?: [number, number][];
  onToggle: (row: number) => void;
  onSelect: (row: number) => void;
}

/** Indentation stops growing past this depth so deep traces keep a readable name column. */
const MAX_INDENT_DEPTH = 30;
const INDENT_PX = 12;

/** One waterfall row: tree toggle, service and operation, the bar on the shared time axis. */
export const WaterfallRow = memo(function WaterfallRow({
  view,
  row,
  y,
  collapsed,
  selected,
  match,
  range,
  critical,
  onToggle,
  onSelect,
}: WaterfallRowProps) {
  const r = view.rows;
  const flags = r.flags[row];
  const svcIndex = r.service[row];
  const service = view.services[svcIndex];
  const operation = view.operations[r.operation[row]];
  const color = serviceColor(svcIndex);
  const hasChildren = (flags & ROW_FLAG.hasChildren) !== 0;
  const isClient = (flags & ROW_FLAG.client) !== 0;
  const ownError = (flags & ROW_FLAG.error) !== 0;
  const hiddenError = collapsed && (flags & ROW_FLAG.descendantError) !== 0;
  const peer = r.peer[row] >= 0 ? shortService(view.services[r.peer[row]]) : undefined;
  const depth = r.depth[row];
  const { left, width } = barGeometry(r.start[row], r.duration[row], range);
  const duration = formatDuration(r.duration[row]);
  // Duration label: right of the bar, else left of it, else inside a bar that fills the row.
  const labelStyle =
    left + width <= 0.85
      ? { left: `calc(${(left + width) * 100}% + 4px)` }
      : left >= 0.15
        ? { right: `calc(${(1 - left) * 100}% + 4px)` }
        : { left: `calc(${left * 100}% + 6px)` };
  const labelInside = left + width > 0.85 && left < 0.15;

  return (
    <div
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={hasChildren ? !collapsed : undefined}
      aria-selected={selected}
      aria-label={`${shortService(service)} ${operation}${peer ? ` → ${peer}` : ''} ${duration}${ownError ? ' error' : ''}`}
      data-row={row}
      className={classes.row}
      data-selected={selected || undefined}
      data-match={match || undefined}
      style={{ transform: `translateY(${y}px)` }}
      onClick={() => onSelect(row)}
    >
      <div className={classes.name}>
        <span
          style={{ width: Math.min(depth, MAX_INDENT_DEPTH) * INDENT_PX }}
          className={classes.indent}
        />
        {hasChildren ? (
          <button
            type="button"
            className={classes.toggle}
            aria-label={collapsed ? 'Expand' : 'Collapse'}
            tabIndex={-1}
            onClick={(e) => {
              e.stopPropagation();
              onToggle(row);
            }}
          >
            {collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className={classes.toggleSpacer} />
        )}
        <span className={classes.swatch} style={{ background: color }} />
        <span className={classes.service}>{shortService(service)}</span>
        {ownError && <span className={classes.error} title="Error" aria-hidden="true" />}
        {!ownError && hiddenError && (
          <span
            className={classes.hiddenError}
            title="A collapsed descendant failed"
            aria-hidden="true"
          />
        )}
        {isClient && peer && <span className={classes.peer}>→ {peer}</span>}
        <span className={classes.operation}>{operation}</span>
      </div>
      <div className={classes.timeline}>
        <div
          className={classes.bar}
          data-client={isClient || undefined}
          data-error={ownError || undefined}
          style={{
            left: `${left * 100}%`,
            width: `max(1px, ${width * 100}%)`,
            background: isClient ? undefined : color,
            borderColor: color,
          }}
        />
        {critical?.map(([s, e], k) => {
          const g = barGeometry(s, e - s, range);
          return (
            <div
              key={k}
              className={classes.critical}
              style={{ left: `${g.left * 100}%`, width: `${g.width * 100}%` }}
            />
          );
        })}
        <span
          className={classes.duration}
          data-inside={labelInside && !isClient ? true : undefined}
          style={labelStyle}
        >
          {duration}
        </span>
      </div>
    </div>
  );
});
