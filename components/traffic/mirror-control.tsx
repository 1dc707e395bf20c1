'use client';

import { Group, NumberInput, Select, Switch } from '@mantine/core';

import type { TrafficMirror } from '@/server/model/traffic';

export interface MirrorControlProps {
  subsets: string[];
  value: TrafficMirror | null;
  disabled?: boolean;
  onChange: (value: TrafficMirror | null) => void;
}

/** Optional traffic mirroring: a copy of a percentage of requests goes to one subset. */
export function MirrorControl({ subsets, value, disabled, onChange }: MirrorControlProps) {
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Switch
        size="xs"
        label="Mirror"
        checked={value !== null}
        disabled={disabled || subsets.length === 0}
        onChange={(e) =>
          onChange(
            e.currentTarget.checked ? { subset: subsets[subsets.length - 1], percent: 10 } : null,
          )
        }
      />
      {value && (
        <>
          <Select
            size="xs"
            aria-label="Mirror subset"
            data={subsets}
            value={value.subset}
            allowDeselect={false}
            disabled={disabled}
            w={90}
            onChange={(s) => s && onChange({ ...value, subset: s })}
          />
          <NumberInput
            size="xs"
            aria-label="Mirror percentage"
            value={value.percent}
            min={0}
            max={100}
            clampBehavior="strict"
            suffix="%"
            w={80}
            disabled={disabled}
            onChange={(v) => onChange({ ...value, percent: typeof v === 'number' ? v : 0 })}
          />
        </>
      )}
    </Group>
  );
}
