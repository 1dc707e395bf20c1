'use client';

import { ActionIcon, Group, NumberInput, Progress, Slider, Text, Tooltip } from '@mantine/core';

import type { TrafficSubset } from '@/server/model/traffic';

import classes from './traffic-editor.module.css';

export interface SubsetRowProps {
  subset: TrafficSubset;
  weight: number;
  /** The weight stored in the VirtualService now (to show what changed). */
  configured: number;
  /** Observed share of requests into the service, 0–100, when telemetry has it. */
  observedShare?: number;
  /** Observed requests/s, when telemetry has it. */
  observedRps?: number;
  locked: boolean;
  /** Lock toggles are only useful with three or more subsets. */
  showLock: boolean;
  max: number;
  disabled?: boolean;
  onChange: (value: number) => void;
  onToggleLock: () => void;
}

/** One subset: name, lock, slider + typed weight, and the observed share beside it. */
export function SubsetRow(props: SubsetRowProps) {
  const { subset, weight, configured, observedShare, observedRps, locked } = props;
  const name = subset.name;
  const changed = weight !== configured;
  return (
    <div className={classes.row}>
      <Group gap={6} wrap="nowrap" align="center">
        <div className={classes.lockCell}>
          {props.showLock && (
            <Tooltip label={locked ? `Unlock ${name}` : `Lock ${name}`} withArrow>
              <ActionIcon
                size="sm"
                variant={locked ? 'filled' : 'subtle'}
                color={locked ? 'indigo' : 'gray'}
                aria-label={`Lock ${name}`}
                aria-pressed={locked}
                onClick={props.onToggleLock}
                disabled={props.disabled}
              >
                <LockGlyph locked={locked} />
              </ActionIcon>
            </Tooltip>
          )}
        </div>
        <Text
          fw={600}
          size="sm"
          className={classes.subsetName}
          title={subset.workloads.join(', ') || 'no workloads'}
        >
          {name}
        </Text>
        <Slider
          className={classes.slider}
          value={weight}
          min={0}
          max={100}
          step={1}
          thumbLabel={`Weight for ${name}`}
          label={(v) => `${v}%`}
          disabled={props.disabled || locked || props.max === 0}
          onChange={(v) => props.onChange(Math.min(v, props.max))}
          color={locked ? 'gray' : 'indigo'}
          size="sm"
        />
        <NumberInput
          className={classes.number}
          aria-label={`Weight for ${name} (typed)`}
          value={weight}
          min={0}
          max={100}
          step={1}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          suffix="%"
          size="xs"
          disabled={props.disabled || locked}
          onChange={(v) => props.onChange(typeof v === 'number' ? v : Number(v) || 0)}
        />
      </Group>
      <Group gap="xs" wrap="nowrap" className={classes.observed}>
        <Progress
          className={classes.observedBar}
          value={observedShare ?? 0}
          color="teal"
          size="xs"
          aria-label={`Observed share for ${name}`}
        />
        <Text
          size="xs"
          className={classes.observedValue}
          title="Share of requests observed by telemetry"
        >
          {observedShare === undefined
            ? 'observed: no data'
            : `${observedShare.toFixed(0)}% obs · ${formatRps(observedRps ?? 0)}`}
        </Text>
        <Text size="xs" c={changed ? 'orange' : 'dimmed'} className={classes.configured}>
          {changed ? `was ${configured}%` : subset.workloads.length === 0 ? 'no workload' : ''}
        </Text>
      </Group>
    </div>
  );
}

function formatRps(rps: number): string {
  return rps >= 10 ? `${rps.toFixed(0)} rps` : `${rps.toFixed(2)} rps`;
}

function LockGlyph({ locked }: { locked: boolean }) {
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
      <rect x="3" y="7" width="10" height="8" rx="1.5" fill="currentColor" />
      <path
        d={locked ? 'M5 7V5a3 3 0 0 1 6 0v2' : 'M5 7V5a3 3 0 0 1 5.8-1'}
        stroke="currentColor"
        strokeWidth="1.6"
        fill="none"
      />
    </svg>
  );
}
