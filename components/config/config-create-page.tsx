'use client';

import { Anchor, Breadcrumbs, Button, Group, Select, Text, Title } from '@mantine/core';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';

import classes from './config-editor.module.css';
import { configPath } from './kinds';
import { useConfigNamespace } from './namespace-param';
import { SaveStatePanel } from './save-state-panel';
import { useValidatedSave } from './use-validated-save';
import { YamlEditor } from './yaml-editor';

/** A starting point users recognise: the tutorials' "all traffic to v1" VirtualService. */
const TEMPLATE = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
    - reviews
  http:
    - route:
        - destination:
            host: reviews
            subset: v1
`;

/** /config/new: paste or write YAML, validate with a dry run, create. */
export function ConfigCreatePage() {
  const params = useSearchParams();
  const router = useRouter();
  const { namespace: initial, names } = useConfigNamespace(params.get('namespace'));
  const [picked, setPicked] = useState<string | null>(null);
  const namespace = picked ?? initial ?? '';
  const [text, setText] = useState(TEMPLATE);
  const saver = useValidatedSave((r) =>
    router.push(configPath(namespace, r.object.kind, r.object.metadata.name)),
  );
  const request = { namespace, yaml: text };

  return (
    <div className={classes.page}>
      <Breadcrumbs separator="›" fz="sm">
        <Anchor component={Link} href={`/config?namespace=${encodeURIComponent(namespace)}`}>
          Istio config
        </Anchor>
        <Text size="sm">New object</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>Create from YAML</Title>
          <Text size="sm" c="dimmed">
            One Istio object. Validate runs a server-side dry run; Create does the same first.
          </Text>
        </div>
        <Group gap="xs" align="flex-end">
          <Select
            size="xs"
            label="Namespace"
            w={170}
            searchable
            allowDeselect={false}
            data={names}
            value={namespace || null}
            onChange={(v) => v && setPicked(v)}
          />
          <Button
            size="xs"
            variant="light"
            disabled={!namespace}
            loading={saver.busy}
            onClick={() => void saver.validate(request)}
          >
            Validate
          </Button>
          <Button
            size="xs"
            disabled={!namespace}
            loading={saver.busy}
            onClick={() => void saver.save(request)}
          >
            Create
          </Button>
        </Group>
      </Group>
      <SaveStatePanel
        state={saver.state}
        what="the object"
        onSaveAnyway={() => void saver.saveAnyway(request)}
      />
      <div className={classes.editor}>
        <YamlEditor value={text} onChange={setText} label="YAML of the new object" />
      </div>
    </div>
  );
}
