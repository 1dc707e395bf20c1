'use client';

import { ScrollArea } from '@mantine/core';

import { type DiffLine } from './line-diff';
import classes from './yaml-diff.module.css';

export interface YamlDiffProps {
  lines: DiffLine[];
  /** Accessible name of the diff region, e.g. "Changes to VirtualService reviews". */
  label: string;
  maxHeight?: number;
}

const MARK: Record<DiffLine['kind'], string> = { same: ' ', add: '+', del: '-', fold: ' ' };

/** A unified line diff: green additions, red deletions, folded unchanged runs. */
export function YamlDiff({ lines, label, maxHeight = 360 }: YamlDiffProps) {
  return (
    <ScrollArea.Autosize mah={maxHeight} type="auto">
      <pre className={classes.diff} aria-label={label} role="region">
        {lines.map((l, i) => (
          <div key={i} className={classes[l.kind]}>
            <span className={classes.mark} aria-hidden="true">
              {MARK[l.kind]}
            </span>
            {l.text || ' '}
          </div>
        ))}
      </pre>
    </ScrollArea.Autosize>
  );
}
