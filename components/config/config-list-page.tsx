'use client';

import {
  Alert,
  Badge,
  Group,
  Loader,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';

import { useIstioList } from '@/components/queries/use-istio-list';
import type { WizardType } from '@/components/wizards/builders/common';
import { WizardModal } from '@/components/wizards/wizard-modal';

import classes from './config-list-page.module.css';
import { ConfigTable } from './config-table';
import { CreateMenu } from './create-menu';
import { CONFIG_KINDS } from './kinds';
import { useConfigNamespace } from './namespace-param';

/** /config: every Istio object of a namespace with its validation status. */
export function ConfigListPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const { namespace, names, namespaces } = useConfigNamespace(params.get('namespace'));
  const kind = params.get('kind') ?? '';
  const [name, setName] = useState(params.get('name') ?? '');
  const list = useIstioList(namespace);
  // Ages are computed against the time of the last fetch so renders stay pure.
  const now = list.dataUpdatedAt;

  const setParams = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    router.replace(`${pathname}?${next}`);
  };

  const items = useMemo(() => {
    const needle = name.trim().toLowerCase();
    return (list.data?.items ?? []).filter(
      (o) => (!kind || o.kind === kind) && (!needle || o.name.toLowerCase().includes(needle)),
    );
  }, [list.data, kind, name]);
  const all = list.data?.items ?? [];
  const errors = all.filter((o) => o.validation.status === 'error').length;
  const warnings = all.filter((o) => o.validation.status === 'warning').length;
  const wizard = params.get('wizard') as WizardType | null;

  return (
    <div className={classes.page}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <div>
            <Title order={1}>Istio config</Title>
            <Group gap={6} mt={2}>
              <Text size="sm" c="dimmed">
                {all.length} objects
              </Text>
              {errors > 0 && (
                <Badge size="sm" color="red" variant="light">
                  {errors} with errors
                </Badge>
              )}
              {warnings > 0 && (
                <Badge size="sm" color="yellow" variant="light">
                  {warnings} with warnings
                </Badge>
              )}
              {list.isFetching && <Loader size={12} />}
            </Group>
          </div>
          <Group gap="xs" align="flex-end">
            <Select
              size="xs"
              label="Namespace"
              w={170}
              searchable
              allowDeselect={false}
              data={names}
              value={namespace ?? null}
              placeholder={namespaces.isLoading ? 'Loading…' : 'Pick a namespace'}
              onChange={(v) => v && setParams({ namespace: v })}
            />
            <Select
              size="xs"
              label="Kind"
              w={190}
              clearable
              placeholder="All kinds"
              data={[...CONFIG_KINDS]}
              value={kind || null}
              onChange={(v) => setParams({ kind: v ?? '' })}
            />
            <TextInput
              size="xs"
              label="Name"
              w={170}
              placeholder="Filter by name"
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setParams({ name: e.currentTarget.value.trim() });
              }}
            />
            {namespace && (
              <CreateMenu namespace={namespace} onWizard={(t) => setParams({ wizard: t })} />
            )}
          </Group>
        </Group>

        {list.error && (
          <Alert color="red" p="xs" role="alert" title="Cannot load the Istio config">
            {list.error.message}
          </Alert>
        )}
        {namespaces.error && !namespace && (
          <Alert color="red" p="xs" role="alert" title="Cannot load namespaces">
            {namespaces.error.message}
          </Alert>
        )}
        {list.isLoading ? (
          <Stack gap={6}>
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} h={24} />
            ))}
          </Stack>
        ) : list.data && items.length === 0 ? (
          <Text size="sm" c="dimmed" py="lg" ta="center">
            {all.length === 0
              ? `No Istio objects in ${namespace}. Create one from YAML or with a wizard.`
              : 'No object matches the filter.'}
          </Text>
        ) : (
          list.data && <ConfigTable items={items} now={now} />
        )}
      </Stack>
      {namespace && wizard && (
        <WizardModal
          type={wizard}
          namespace={namespace}
          service={params.get('service') ?? ''}
          onClose={() => setParams({ wizard: '', service: '' })}
        />
      )}
    </div>
  );
}
