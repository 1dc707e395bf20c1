'use client';

import { Alert, Button, Group, Text } from '@mantine/core';

import { ApiError } from '@/components/queries/fetch-json';

export interface ApiErrorAlertProps {
  error: Error;
  /** Offered on a 409 so the user can load the other person's version. */
  onReload?: () => void;
}

/** An API failure said plainly: 409 (someone else changed it), 422 (what is wrong), 503 (down). */
export function ApiErrorAlert({ error, onReload }: ApiErrorAlertProps) {
  const status = error instanceof ApiError ? error.status : 0;
  const title =
    status === 409
      ? 'Someone changed this VirtualService — reload to see their version.'
      : status === 422
        ? 'The change is not valid'
        : status === 503 || status === 0
          ? 'Kubernetes is unreachable'
          : 'The change failed';
  return (
    <Alert color={status === 409 ? 'yellow' : 'red'} p="xs" role="alert" title={title}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text size="xs">{error.message}</Text>
        {status === 409 && onReload && (
          <Button size="compact-xs" variant="light" color="yellow" onClick={onReload}>
            Reload
          </Button>
        )}
      </Group>
    </Alert>
  );
}
