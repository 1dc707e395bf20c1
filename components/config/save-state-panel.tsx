'use client';

import { Alert, Button, Group, Stack, Text } from '@mantine/core';

import type { SaveState } from './use-validated-save';
import { ValidationList } from './validation-list';
import { WriteErrorAlert } from './write-error-alert';

export interface SaveStatePanelProps {
  state: SaveState;
  /** e.g. "VirtualService reviews". */
  what: string;
  onSaveAnyway: () => void;
  onReload?: () => void;
}

/** The outcome of Validate/Save: dry-run findings, a confirm step, success, or the error. */
export function SaveStatePanel({ state, what, onSaveAnyway, onReload }: SaveStatePanelProps) {
  switch (state.kind) {
    case 'idle':
      return null;
    case 'failed':
      return <WriteErrorAlert error={state.error} what={what} onReload={onReload} />;
    case 'validated':
      return (
        <ValidationList
          title="Dry run"
          checks={state.result.validation.checks}
          emptyText="The API server accepts it and Meshscope found no problems. Nothing was saved."
        />
      );
    case 'confirm':
      return (
        <Stack gap={6}>
          <ValidationList title="Dry run" checks={state.result.validation.checks} />
          <Alert color="red" p="xs" role="alert" title="Not saved: the edit has errors">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm">
                The API server would accept it, but the problems above will break traffic.
              </Text>
              <Button size="compact-xs" color="red" variant="light" onClick={onSaveAnyway}>
                Save anyway
              </Button>
            </Group>
          </Alert>
        </Stack>
      );
    case 'saved':
      return (
        <Alert color="teal" p="xs" role="status" title="Saved">
          <Text size="sm">
            {what} is now at version {state.result.object.metadata.resourceVersion}.
          </Text>
        </Alert>
      );
  }
}
