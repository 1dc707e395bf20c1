'use client';

import { Group, NumberInput, Stack, Switch, TextInput } from '@mantine/core';

import type { CircuitBreakingForm } from '../builders/circuit-breaking';

export interface CircuitBreakingFieldsProps {
  value: CircuitBreakingForm;
  onChange: (v: CircuitBreakingForm) => void;
}

/** DestinationRule connection pool limits and outlier detection. */
export function CircuitBreakingFields({ value, onChange }: CircuitBreakingFieldsProps) {
  const pool = value.connectionPool;
  const od = value.outlierDetection;
  const setPool = (p: Partial<CircuitBreakingForm['connectionPool']>) =>
    onChange({ ...value, connectionPool: { ...pool, ...p } });
  const setOd = (o: Partial<CircuitBreakingForm['outlierDetection']>) =>
    onChange({ ...value, outlierDetection: { ...od, ...o } });
  const int = (label: string, v: number, set: (n: number) => void, disabled: boolean) => (
    <NumberInput
      size="xs"
      label={label}
      min={0}
      allowDecimal={false}
      disabled={disabled}
      value={v}
      onChange={(n) => set(Number(n))}
    />
  );
  return (
    <Stack gap="sm">
      <Switch
        label="Connection pool"
        checked={pool.enabled}
        onChange={(e) => setPool({ enabled: e.currentTarget.checked })}
      />
      <Group grow>
        {int(
          'Max connections',
          pool.maxConnections,
          (n) => setPool({ maxConnections: n }),
          !pool.enabled,
        )}
        {int(
          'Max pending requests',
          pool.http1MaxPendingRequests,
          (n) => setPool({ http1MaxPendingRequests: n }),
          !pool.enabled,
        )}
        {int(
          'Max requests per connection',
          pool.maxRequestsPerConnection,
          (n) => setPool({ maxRequestsPerConnection: n }),
          !pool.enabled,
        )}
      </Group>
      <Switch
        label="Outlier detection"
        checked={od.enabled}
        onChange={(e) => setOd({ enabled: e.currentTarget.checked })}
      />
      <Group grow>
        {int(
          'Consecutive 5xx errors',
          od.consecutive5xxErrors,
          (n) => setOd({ consecutive5xxErrors: n }),
          !od.enabled,
        )}
        <TextInput
          size="xs"
          label="Interval"
          disabled={!od.enabled}
          value={od.interval}
          onChange={(e) => setOd({ interval: e.currentTarget.value.trim() })}
        />
        <TextInput
          size="xs"
          label="Base ejection time"
          disabled={!od.enabled}
          value={od.baseEjectionTime}
          onChange={(e) => setOd({ baseEjectionTime: e.currentTarget.value.trim() })}
        />
        {int(
          'Max ejection %',
          od.maxEjectionPercent,
          (n) => setOd({ maxEjectionPercent: n }),
          !od.enabled,
        )}
      </Group>
    </Stack>
  );
}
