'use client';

import { Alert, Badge, Group, Stack, Text } from '@mantine/core';

import { ValidationList } from '@/components/config/validation-list';
import { WriteErrorAlert } from '@/components/config/write-error-alert';
import { YamlEditor } from '@/components/config/yaml-editor';

import type { PlannedObject } from './use-wizard-apply';

export interface WizardPreviewProps {
  plan: PlannedObject[];
}

/** The YAML each object will have, whether it creates or replaces, and the dry run's verdict. */
export function WizardPreview({ plan }: WizardPreviewProps) {
  return (
    <Stack gap="sm">
      {plan.map((p) => {
        const what = `${p.object.kind} ${p.object.metadata.name}`;
        return (
          <Stack key={what} gap={6}>
            <Group gap="xs">
              <Text fw={600} size="sm">
                {what}
              </Text>
              {p.applied ? (
                <Badge color="teal" size="sm">
                  {p.existing ? 'replaced' : 'created'}
                </Badge>
              ) : p.existing ? (
                <Badge color="yellow" variant="light" size="sm">
                  replaces the existing object (version {p.existing.resourceVersion})
                </Badge>
              ) : (
                <Badge color="indigo" variant="light" size="sm">
                  new
                </Badge>
              )}
            </Group>
            <div
              style={{
                height: 300,
                border: '1px solid var(--mantine-color-default-border)',
                borderRadius: 4,
                overflow: 'hidden',
              }}
            >
              <YamlEditor value={p.yaml} readOnly label={`Preview of ${what}`} />
            </div>
            {p.error ? (
              <WriteErrorAlert error={p.error} what={what} />
            ) : p.dryRun ? (
              <ValidationList
                title={`Dry run of ${what}`}
                checks={p.dryRun.validation.checks}
                emptyText="The API server accepts it and Meshscope found no problems"
              />
            ) : null}
          </Stack>
        );
      })}
      {plan.some((p) => p.existing && !p.applied) && (
        <Alert color="yellow" p="xs">
          Applying replaces the whole spec of the existing objects marked above.
        </Alert>
      )}
    </Stack>
  );
}
