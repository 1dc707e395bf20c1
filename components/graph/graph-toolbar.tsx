'use client';

import {
  ActionIcon,
  Button,
  Group,
  Menu,
  MultiSelect,
  Select,
  Switch,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useEffect, useState } from 'react';

import type { GraphType } from '@/server/model/graph';

import { BOX_KINDS, type BoxKind, boxKindOf } from './graph-boxes';
import classes from './graph-page.module.css';
import {
  DURATION_OPTIONS,
  EDGE_LABEL_OPTIONS,
  type EdgeLabelMode,
  GRAPH_TYPE_OPTIONS,
  type GraphViewState,
  LAYOUT_OPTIONS,
  type LayoutName,
  REFRESH_OPTIONS,
} from './graph-url-state';
import type { ViewUpdate } from './use-graph-view';

export interface GraphToolbarProps {
  view: GraphViewState;
  animation: boolean;
  namespaceOptions: string[];
  findError?: string;
  hideError?: string;
  fetching: boolean;
  onChange: (change: ViewUpdate) => void;
  onRefresh: () => void;
  onFit: () => void;
  onRelayout: () => void;
  onExport: (format: 'png' | 'svg') => void;
}

/**
 * Switches one box kind, kept in nesting order. A selected box of that kind goes away with it,
 * so the selection is cleared rather than left pointing at nothing.
 */
function boxPatch(view: GraphViewState, kind: BoxKind, on: boolean): Partial<GraphViewState> {
  const boxBy = BOX_KINDS.filter((k) => (k === kind ? on : view.boxBy.includes(k)));
  return !on && boxKindOf(view.selected) === kind ? { boxBy, selected: undefined } : { boxBy };
}

const str = (opts: { value: string | number; label: string }[]) =>
  opts.map((o) => ({ value: String(o.value), label: o.label }));

/** An expression input that applies on Enter or blur, so typing does not refilter per key. */
function ExpressionInput(props: {
  label: string;
  value: string;
  error?: string;
  placeholder: string;
  onApply: (v: string) => void;
}) {
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  return (
    <TextInput
      size="xs"
      aria-label={props.label}
      placeholder={props.placeholder}
      leftSection={<span className={classes.inputTag}>{props.label}</span>}
      leftSectionWidth={40}
      value={draft}
      error={props.error}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={() => draft !== props.value && props.onApply(draft)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') props.onApply(draft);
        if (e.key === 'Escape') {
          setDraft('');
          props.onApply('');
        }
      }}
      w={220}
      classNames={{ error: classes.inputError }}
    />
  );
}

/** The graph toolbar: what to query (row 1) and how to draw it (row 2). */
export function GraphToolbar(props: GraphToolbarProps) {
  const { view, onChange } = props;
  const toggle = (label: string, checked: boolean, patch: (v: boolean) => ViewUpdate) => (
    <Switch
      size="xs"
      label={label}
      aria-label={label}
      checked={checked}
      onChange={(e) => onChange(patch(e.currentTarget.checked))}
      classNames={{ label: classes.switchLabel }}
    />
  );
  return (
    <div className={classes.toolbar} role="toolbar" aria-label="Graph toolbar">
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <MultiSelect
          size="xs"
          aria-label="Namespaces"
          placeholder={view.namespaces.length ? undefined : 'Select namespaces'}
          data={[...new Set([...props.namespaceOptions, ...view.namespaces])]}
          value={view.namespaces}
          onChange={(v) => onChange({ namespaces: v, selected: undefined })}
          searchable
          maxValues={20}
          w={260}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          size="xs"
          aria-label="Graph type"
          data={GRAPH_TYPE_OPTIONS}
          value={view.graphType}
          onChange={(v) => v && onChange({ graphType: v as GraphType, selected: undefined })}
          allowDeselect={false}
          w={160}
        />
        <Select
          size="xs"
          aria-label="Duration"
          data={str(DURATION_OPTIONS)}
          value={String(view.duration)}
          onChange={(v) => v && onChange({ duration: Number(v) })}
          allowDeselect={false}
          w={100}
        />
        <Select
          size="xs"
          aria-label="Refresh interval"
          data={str(REFRESH_OPTIONS)}
          value={String(view.refresh)}
          onChange={(v) => v && onChange({ refresh: Number(v) })}
          allowDeselect={false}
          w={104}
        />
        <Tooltip label="Refresh now">
          <ActionIcon
            variant="default"
            size={30}
            aria-label="Refresh now"
            onClick={props.onRefresh}
            loading={props.fetching}
          >
            ⟳
          </ActionIcon>
        </Tooltip>
        <ExpressionInput
          label="Find"
          placeholder="rps > 1 OR %error > 5"
          value={view.find}
          error={props.findError}
          onApply={(find) => onChange({ find })}
        />
        <ExpressionInput
          label="Hide"
          placeholder="app = ratings"
          value={view.hide}
          error={props.hideError}
          onApply={(hide) => onChange({ hide })}
        />
        <Group gap={4} ml="auto" wrap="nowrap">
          <Button size="compact-sm" variant="default" onClick={props.onFit}>
            Fit
          </Button>
          <Button size="compact-sm" variant="default" onClick={props.onRelayout}>
            Re-layout
          </Button>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="compact-sm" variant="default">
                Export
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => props.onExport('png')}>PNG image</Menu.Item>
              <Menu.Item onClick={() => props.onExport('svg')}>SVG drawing</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <Group gap="md" wrap="nowrap" mt={6}>
        <Select
          size="xs"
          aria-label="Edge labels"
          data={EDGE_LABEL_OPTIONS}
          value={view.edgeLabels}
          onChange={(v) => v && onChange({ edgeLabels: v as EdgeLabelMode })}
          allowDeselect={false}
          w={180}
        />
        <Select
          size="xs"
          aria-label="Layout"
          data={LAYOUT_OPTIONS}
          value={view.layout}
          onChange={(v) => v && onChange({ layout: v as LayoutName })}
          allowDeselect={false}
          w={180}
        />
        <Group gap="md" wrap="nowrap" role="group" aria-label="Display">
          {toggle('Traffic animation', props.animation, (animation) => ({ animation }))}
          {toggle('Idle nodes', view.idleNodes, (idleNodes) => ({ idleNodes }))}
          {toggle('Idle edges', view.idleEdges, (idleEdges) => ({ idleEdges }))}
          {toggle('Service nodes', view.serviceNodes, (serviceNodes) => ({ serviceNodes }))}
          {toggle('mTLS locks', view.mtls, (mtls) => ({ mtls }))}
          {toggle('Badges', view.badges, (badges) => ({ badges }))}
          {toggle(
            'Namespace boxes',
            view.boxBy.includes('namespace'),
            (on) => (current) => boxPatch(current, 'namespace', on),
          )}
          {toggle(
            'App boxes',
            view.boxBy.includes('app'),
            (on) => (current) => boxPatch(current, 'app', on),
          )}
        </Group>
      </Group>
    </div>
  );
}
