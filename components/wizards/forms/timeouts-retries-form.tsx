'use client';

import { Group, MultiSelect, NumberInput, Stack, Switch, TextInput } from '@mantine/core';

import { RETRY_ON, type TimeoutsRetriesForm } from '../builders/timeouts-retries';

export interface TimeoutsRetriesFieldsProps {
  value: TimeoutsRetriesForm;
  onChange: (v: TimeoutsRetriesForm) => void;
}

/** Request timeout, and retries (attempts, per-try timeout, retry conditions). */
export function TimeoutsRetriesFields({ value, onChange }: TimeoutsRetriesFieldsProps) {
  const { timeout, retries } = value;
  const setTimeout = (t: Partial<TimeoutsRetriesForm['timeout']>) =>
    onChange({ ...value, timeout: { ...timeout, ...t } });
  const setRetries = (r: Partial<TimeoutsRetriesForm['retries']>) =>
    onChange({ ...value, retries: { ...retries, ...r } });
  return (
    <Stack gap="sm">
      <Switch
        label="Request timeout"
        checked={timeout.enabled}
        onChange={(e) => setTimeout({ enabled: e.currentTarget.checked })}
      />
      <TextInput
        size="xs"
        label="Timeout"
        description="The whole request, retries included: e.g. 2s"
        w={200}
        disabled={!timeout.enabled}
        value={timeout.value}
        onChange={(e) => setTimeout({ value: e.currentTarget.value.trim() })}
      />
      <Switch
        label="Retries"
        checked={retries.enabled}
        onChange={(e) => setRetries({ enabled: e.currentTarget.checked })}
      />
      <Group grow>
        <NumberInput
          size="xs"
          label="Attempts"
          min={1}
          max={100}
          allowDecimal={false}
          disabled={!retries.enabled}
          value={retries.attempts}
          onChange={(v) => setRetries({ attempts: Number(v) })}
        />
        <TextInput
          size="xs"
          label="Per-try timeout"
          disabled={!retries.enabled}
          value={retries.perTryTimeout}
          onChange={(e) => setRetries({ perTryTimeout: e.currentTarget.value.trim() })}
        />
      </Group>
      <MultiSelect
        size="xs"
        label="Retry on"
        disabled={!retries.enabled}
        data={[...RETRY_ON]}
        value={retries.retryOn}
        onChange={(v) => setRetries({ retryOn: v })}
      />
    </Stack>
  );
}
