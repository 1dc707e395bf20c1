'use client';

import { Button, Group, Modal, Stack, Text } from '@mantine/core';

import { WriteErrorAlert } from './write-error-alert';

export interface DeleteModalProps {
  opened: boolean;
  kind: string;
  name: string;
  namespace: string;
  busy: boolean;
  error: Error | null;
  onConfirm: () => void;
  onClose: () => void;
  /** On a 409 (changed since it was shown): load the current version. */
  onReload: () => void;
}

/** Confirms a delete, naming exactly what goes. */
export function DeleteModal(p: DeleteModalProps) {
  return (
    <Modal opened={p.opened} onClose={p.onClose} title={<Text fw={700}>Delete {p.kind}?</Text>}>
      <Stack gap="sm">
        <Text size="sm">
          {p.kind} <b>{p.name}</b> will be deleted from namespace <b>{p.namespace}</b>. Traffic it
          routes falls back to Kubernetes defaults at once. The change is recorded in the audit
          trail.
        </Text>
        {p.error && (
          <WriteErrorAlert
            error={p.error}
            what={`${p.kind} ${p.name}`}
            onReload={p.onReload}
            conflictHint="Reload to see their version, then decide again."
          />
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={p.onClose}>
            Cancel
          </Button>
          <Button color="red" size="xs" loading={p.busy} onClick={p.onConfirm}>
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
