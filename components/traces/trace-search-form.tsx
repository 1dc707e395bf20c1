'use client';

import { Button, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';

import { useTracingOperations } from '@/components/queries/use-tracing-operations';
import { useTracingServices } from '@/components/queries/use-tracing-services';

import { LOOKBACKS, type TraceSearchUrlState } from './search-url';

export interface TraceSearchFormProps {
  /** The search in the URL; the form edits a copy and submits a new URL state. */
  value: TraceSearchUrlState;
  onSubmit: (next: TraceSearchUrlState) => void;
  searching: boolean;
}

/** `datetime-local` value ↔ µs since the epoch (local time, as the user reads it). */
function toLocalInput(us: number | undefined): string {
  if (us === undefined) return '';
  const d = new Date(us / 1_000);
  const off = d.getTimezoneOffset() * 60_000;
  return new Date(d.getTime() - off).toISOString().slice(0, 16);
}

function fromLocalInput(v: string): number | undefined {
  const ms = new Date(v).getTime();
  return Number.isFinite(ms) ? ms * 1_000 : undefined;
}

/** The Jaeger search form: service, operation, tags (logfmt), time range, durations, limit. */
export function TraceSearchForm({ value, onSubmit, searching }: TraceSearchFormProps) {
  const [draft, setDraft] = useState(value);
  const [synced, setSynced] = useState(value);
  // Follow URL changes (back/forward, links) without an effect.
  if (synced !== value) {
    setSynced(value);
    setDraft(value);
  }
  const services = useTracingServices();
  const operations = useTracingOperations(draft.service);
  const set = (patch: Partial<TraceSearchUrlState>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    let next = draft;
    if (draft.lookback === 'custom' && (next.start === undefined || next.end === undefined)) {
      const end = Date.now() * 1_000;
      next = { ...next, start: next.start ?? end - 3_600_000_000, end: next.end ?? end };
    }
    onSubmit(next);
  };

  return (
    <form onSubmit={submit} aria-label="Search traces">
      <Stack gap="xs">
        <Select
          label="Service"
          placeholder={services.isError ? 'Jaeger unavailable' : 'Choose a service'}
          searchable
          clearable
          data={services.data?.services ?? []}
          value={draft.service ?? null}
          onChange={(v) => set({ service: v ?? undefined, operation: undefined })}
          error={services.isError ? services.error.message : undefined}
          nothingFoundMessage="No such service"
        />
        <Select
          label="Operation"
          placeholder="All operations"
          searchable
          clearable
          disabled={!draft.service}
          data={operations.data?.operations ?? []}
          value={draft.operation ?? null}
          onChange={(v) => set({ operation: v ?? undefined })}
          comboboxProps={{ width: 420, position: 'bottom-start' }}
        />
        <TextInput
          label="Tags"
          placeholder="error=true http.status_code=503"
          description="logfmt: key=value pairs"
          value={draft.tags ?? ''}
          onChange={(e) => set({ tags: e.currentTarget.value || undefined })}
        />
        <Select
          label="Lookback"
          data={LOOKBACKS}
          value={draft.lookback ?? '1h'}
          allowDeselect={false}
          onChange={(v) => set({ lookback: v ?? '1h' })}
        />
        {draft.lookback === 'custom' && (
          <>
            <TextInput
              type="datetime-local"
              label="From"
              value={toLocalInput(draft.start)}
              onChange={(e) => set({ start: fromLocalInput(e.currentTarget.value) })}
            />
            <TextInput
              type="datetime-local"
              label="To"
              value={toLocalInput(draft.end)}
              onChange={(e) => set({ end: fromLocalInput(e.currentTarget.value) })}
            />
          </>
        )}
        <TextInput
          label="Min duration"
          placeholder="e.g. 100ms"
          value={draft.minDuration ?? ''}
          onChange={(e) => set({ minDuration: e.currentTarget.value.trim() || undefined })}
        />
        <TextInput
          label="Max duration"
          placeholder="e.g. 2s"
          value={draft.maxDuration ?? ''}
          onChange={(e) => set({ maxDuration: e.currentTarget.value.trim() || undefined })}
        />
        <NumberInput
          label="Limit"
          min={1}
          max={1500}
          value={draft.limit ?? 20}
          onChange={(v) => set({ limit: typeof v === 'number' ? v : 20 })}
        />
        <Button type="submit" loading={searching} fullWidth mt={4}>
          Find traces
        </Button>
      </Stack>
    </form>
  );
}
