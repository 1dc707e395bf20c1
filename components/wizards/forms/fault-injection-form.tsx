'use client';

import { Group, NumberInput, Stack, Switch, TextInput } from '@mantine/core';

import type { FaultInjectionForm } from '../builders/fault-injection';

export interface FaultInjectionFieldsProps {
  value: FaultInjectionForm;
  onChange: (v: FaultInjectionForm) => void;
}

/** Delay (percentage, fixed delay) and abort (percentage, HTTP status). */
export function FaultInjectionFields({ value, onChange }: FaultInjectionFieldsProps) {
  const { delay, abort } = value;
  const setDelay = (d: Partial<FaultInjectionForm['delay']>) =>
    onChange({ ...value, delay: { ...delay, ...d } });
  const setAbort = (a: Partial<FaultInjectionForm['abort']>) =>
    onChange({ ...value, abort: { ...abort, ...a } });
  return (
    <Stack gap="sm">
      <Switch
        label="Delay requests"
        checked={delay.enabled}
        onChange={(e) => setDelay({ enabled: e.currentTarget.checked })}
      />
      <Group grow>
        <NumberInput
          size="xs"
          label="Delay percentage"
          suffix=" %"
          min={0}
          max={100}
          decimalScale={2}
          disabled={!delay.enabled}
          value={delay.percent}
          onChange={(v) => setDelay({ percent: Number(v) })}
        />
        <TextInput
          size="xs"
          label="Fixed delay"
          description="e.g. 5s, 500ms"
          disabled={!delay.enabled}
          value={delay.fixedDelay}
          onChange={(e) => setDelay({ fixedDelay: e.currentTarget.value.trim() })}
        />
      </Group>
      <Switch
        label="Abort requests"
        checked={abort.enabled}
        onChange={(e) => setAbort({ enabled: e.currentTarget.checked })}
      />
      <Group grow>
        <NumberInput
          size="xs"
          label="Abort percentage"
          suffix=" %"
          min={0}
          max={100}
          decimalScale={2}
          disabled={!abort.enabled}
          value={abort.percent}
          onChange={(v) => setAbort({ percent: Number(v) })}
        />
        <NumberInput
          size="xs"
          label="HTTP status"
          min={200}
          max={599}
          allowDecimal={false}
          disabled={!abort.enabled}
          value={abort.httpStatus}
          onChange={(v) => setAbort({ httpStatus: Number(v) })}
        />
      </Group>
    </Stack>
  );
}
