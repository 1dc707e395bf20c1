'use client';

import { useMemo } from 'react';
import { stringify } from 'yaml';

import { diffLines, foldUnchanged } from '@/components/traffic/line-diff';
import { YamlDiff } from '@/components/traffic/yaml-diff';
import type { AuditEntry } from '@/server/model/audit';

export interface AuditDiffProps {
  entry: AuditEntry;
}

/** The spec before and after one change, as a folded YAML line diff. */
export function AuditDiff({ entry }: AuditDiffProps) {
  const lines = useMemo(() => {
    const text = (v: unknown) => (v === null ? '' : stringify(v, { lineWidth: 0 }));
    return foldUnchanged(diffLines(text(entry.before), text(entry.after)), 4);
  }, [entry]);
  return (
    <YamlDiff lines={lines} label={`Changes to ${entry.kind} ${entry.name}`} maxHeight={420} />
  );
}
