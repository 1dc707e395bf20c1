'use client';

import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Skeleton,
  Text,
  Title,
} from '@mantine/core';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { stringify } from 'yaml';

import { useIstioDelete } from '@/components/queries/use-istio-delete';
import { useIstioObject } from '@/components/queries/use-istio-object';

import classes from './config-editor.module.css';
import { DeleteModal } from './delete-modal';
import { SaveStatePanel } from './save-state-panel';
import { useValidatedSave } from './use-validated-save';
import { validationLabel } from './validation-icon';
import { ValidationList } from './validation-list';
import { YamlEditor } from './yaml-editor';

export interface ConfigDetailPageProps {
  namespace: string;
  /** The kind as it appears in the URL (any case). */
  kind: string;
  name: string;
}

const STATUS_COLOR = { valid: 'teal', warning: 'yellow', error: 'red' } as const;

/** /config/{ns}/{kind}/{name}: findings, the YAML editor, Validate, Save and Delete. */
export function ConfigDetailPage({ namespace, kind, name }: ConfigDetailPageProps) {
  const router = useRouter();
  const detail = useIstioObject(namespace, kind, name);
  const remove = useIstioDelete();
  const [deleting, setDeleting] = useState(false);
  // null = untouched: the editor shows the server's version and follows reloads.
  const [edit, setEdit] = useState<string | null>(null);
  // The editor is remounted on a new version or a discard: CodeMirror's wrapper defers outside
  // value changes while the user is typing, which could leave a saved edit's old text on screen.
  const [generation, setGeneration] = useState(0);
  const discard = () => {
    setEdit(null);
    setGeneration((g) => g + 1);
  };
  const saver = useValidatedSave(discard);

  const summary = detail.data?.summary;
  const realKind = summary?.kind ?? kind;
  const baseline = detail.data ? stringify(detail.data.object) : '';
  const text = edit ?? baseline;
  const dirty = edit !== null && edit !== baseline;
  const what = `${realKind} ${name}`;
  const request = { namespace, target: { kind: realKind, name }, yaml: text };

  const reload = async () => {
    await detail.refetch();
    discard();
    saver.clear();
  };

  return (
    <div className={classes.page}>
      <Breadcrumbs separator="›" fz="sm">
        <Anchor component={Link} href={`/config?namespace=${encodeURIComponent(namespace)}`}>
          Istio config
        </Anchor>
        <Anchor component={Link} href={`/config?namespace=${encodeURIComponent(namespace)}`}>
          {namespace}
        </Anchor>
        <Text size="sm">{realKind}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="center" wrap="wrap">
        <Group gap="sm" align="center">
          <Title order={1}>{name}</Title>
          <Badge variant="light" color="gray">
            {realKind}
          </Badge>
          {summary && (
            <Badge color={STATUS_COLOR[summary.validation.status]} variant="light">
              {validationLabel(summary.validation)}
            </Badge>
          )}
          {summary && (
            <Text className={classes.meta}>
              {summary.apiVersion} · version {summary.resourceVersion} · created{' '}
              {summary.createdAt.replace('T', ' ').replace('Z', ' UTC')}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          {dirty && (
            <Badge color="indigo" variant="dot">
              Unsaved edit
            </Badge>
          )}
          <Button size="xs" variant="default" disabled={!dirty} onClick={discard}>
            Discard edit
          </Button>
          <Button
            size="xs"
            variant="light"
            disabled={!detail.data}
            loading={saver.busy}
            onClick={() => void saver.validate(request)}
          >
            Validate
          </Button>
          <Button
            size="xs"
            disabled={!dirty}
            loading={saver.busy}
            onClick={() => void saver.save(request)}
          >
            Save
          </Button>
          <Button
            size="xs"
            color="red"
            variant="subtle"
            disabled={!detail.data}
            onClick={() => setDeleting(true)}
          >
            Delete
          </Button>
        </Group>
      </Group>

      {detail.error && (
        <Alert color="red" p="xs" role="alert" title={`Cannot load ${what}`}>
          {detail.error.message}
        </Alert>
      )}
      {summary && (
        <ValidationList
          title="Validation of the saved object"
          checks={summary.validation.checks}
          emptyText="No problems found"
        />
      )}
      <SaveStatePanel
        state={saver.state}
        what={what}
        onSaveAnyway={() => void saver.saveAnyway(request)}
        onReload={() => void reload()}
      />
      <div className={classes.editor}>
        {detail.isLoading ? (
          <Skeleton h="100%" />
        ) : (
          detail.data && (
            <YamlEditor
              key={`${summary?.resourceVersion}/${generation}`}
              value={text}
              onChange={(v) => setEdit(v)}
              label={`YAML of ${what}`}
            />
          )
        )}
      </div>
      <DeleteModal
        opened={deleting}
        kind={realKind}
        name={name}
        namespace={namespace}
        busy={remove.isPending}
        error={remove.error}
        onClose={() => {
          setDeleting(false);
          remove.reset();
        }}
        onReload={() => {
          remove.reset();
          void reload();
        }}
        onConfirm={() =>
          remove.mutate(
            { namespace, kind: realKind, name, resourceVersion: summary?.resourceVersion },
            { onSuccess: () => router.push(`/config?namespace=${encodeURIComponent(namespace)}`) },
          )
        }
      />
    </div>
  );
}
