'use client';

import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';

import { ApiError } from '@/components/queries/fetch-json';

export interface WriteErrorAlertProps {
  error: Error;
  /** What was being written, e.g. "VirtualService reviews". */
  what: string;
  /** Offered on a 409 to load the other person's version (discarding the edit). */
  onReload?: () => void;
  /** What a 409 means for the user's work, beside the reload button. */
  conflictHint?: string;
}

interface Cause {
  field?: string;
  message?: string;
}

function causesOf(error: Error): Cause[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.body.details as { causes?: Cause[] } | undefined;
  return Array.isArray(details?.causes) ? details.causes : [];
}

/** A failed validate/save said plainly, with the API server's field causes when it gave any. */
export function WriteErrorAlert({
  error,
  what,
  onReload,
  conflictHint = 'Your edit is still in the editor. Reload to see their version (your edit is lost).',
}: WriteErrorAlertProps) {
  const status = error instanceof ApiError ? error.status : 0;
  const conflict = status === 409 && Boolean(onReload);
  const title = conflict
    ? `Someone else changed ${what} since you opened it`
    : status === 422
      ? 'The API server rejected the object'
      : status === 400
        ? 'The YAML cannot be used'
        : status === 409
          ? 'It already exists'
          : status === 503 || status === 0
            ? 'Kubernetes is unreachable'
            : 'The request failed';
  const causes = causesOf(error);
  return (
    <Alert color={conflict ? 'yellow' : 'red'} p="xs" role="alert" title={title}>
      <Stack gap={4}>
        <Text size="sm">{error.message}</Text>
        {causes.length > 1 &&
          causes.map((c, i) => (
            <Text key={i} size="xs">
              <Code fz={11}>{c.field ?? '(object)'}</Code> {c.message}
            </Text>
          ))}
        {conflict && (
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              {conflictHint}
            </Text>
            <Button size="compact-xs" variant="light" color="yellow" onClick={onReload}>
              Reload their version
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
