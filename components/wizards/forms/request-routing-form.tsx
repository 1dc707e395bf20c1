'use client';

import { ActionIcon, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';

import type {
  MatchCondition,
  MatchOp,
  RequestRoutingForm,
  RoutingRule,
} from '../builders/request-routing';

export interface RequestRoutingFieldsProps {
  value: RequestRoutingForm;
  onChange: (v: RequestRoutingForm) => void;
  versions: string[];
}

const OPS: MatchOp[] = ['exact', 'prefix', 'regex'];
const NEW_CONDITION: MatchCondition = { on: 'header', header: 'end-user', op: 'exact', value: '' };

/** Ordered rules (header/URI conditions → version), then where everything else goes. */
export function RequestRoutingFields({ value, onChange, versions }: RequestRoutingFieldsProps) {
  const setRule = (i: number, r: RoutingRule | null) =>
    onChange({
      ...value,
      rules: r
        ? value.rules.map((x, k) => (k === i ? r : x))
        : value.rules.filter((_, k) => k !== i),
    });
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">
        Rules are tried in order; the first whose conditions all match decides the version.
      </Text>
      {value.rules.map((rule, i) => (
        <Paper key={i} withBorder p="xs" aria-label={`Rule ${i + 1}`} component="fieldset">
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={600}>
              Rule {i + 1}
            </Text>
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => setRule(i, null)}>
              Remove rule
            </Button>
          </Group>
          <Stack gap={6}>
            {rule.conditions.map((c, k) => {
              const setCond = (n: MatchCondition | null) =>
                setRule(i, {
                  ...rule,
                  conditions: n
                    ? rule.conditions.map((x, j) => (j === k ? n : x))
                    : rule.conditions.filter((_, j) => j !== k),
                });
              return (
                <Group key={k} gap={6} wrap="nowrap" align="flex-end">
                  <Select
                    size="xs"
                    w={100}
                    label={k === 0 ? 'Match on' : undefined}
                    aria-label={`Rule ${i + 1} condition ${k + 1} on`}
                    allowDeselect={false}
                    data={[
                      { value: 'header', label: 'Header' },
                      { value: 'uri', label: 'URI' },
                    ]}
                    value={c.on}
                    onChange={(v) => setCond({ ...c, on: v === 'uri' ? 'uri' : 'header' })}
                  />
                  <TextInput
                    size="xs"
                    w={130}
                    label={k === 0 ? 'Header name' : undefined}
                    aria-label={`Rule ${i + 1} condition ${k + 1} header`}
                    disabled={c.on === 'uri'}
                    value={c.on === 'uri' ? '' : (c.header ?? '')}
                    onChange={(e) => setCond({ ...c, header: e.currentTarget.value })}
                  />
                  <Select
                    size="xs"
                    w={92}
                    label={k === 0 ? 'Operator' : undefined}
                    aria-label={`Rule ${i + 1} condition ${k + 1} operator`}
                    allowDeselect={false}
                    data={OPS}
                    value={c.op}
                    onChange={(v) => setCond({ ...c, op: (v as MatchOp) ?? 'exact' })}
                  />
                  <TextInput
                    size="xs"
                    style={{ flex: 1 }}
                    label={k === 0 ? 'Value' : undefined}
                    aria-label={`Rule ${i + 1} condition ${k + 1} value`}
                    value={c.value}
                    onChange={(e) => setCond({ ...c, value: e.currentTarget.value })}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Remove condition ${k + 1} of rule ${i + 1}`}
                    onClick={() => setCond(null)}
                  >
                    ✕
                  </ActionIcon>
                </Group>
              );
            })}
            <Group justify="space-between" align="flex-end">
              <Button
                size="compact-xs"
                variant="light"
                onClick={() =>
                  setRule(i, { ...rule, conditions: [...rule.conditions, NEW_CONDITION] })
                }
              >
                Add condition
              </Button>
              <Select
                size="xs"
                w={140}
                label="Route to version"
                aria-label={`Rule ${i + 1} version`}
                data={versions}
                value={rule.subset || null}
                onChange={(v) => setRule(i, { ...rule, subset: v ?? '' })}
              />
            </Group>
          </Stack>
        </Paper>
      ))}
      <Group justify="space-between" align="flex-end">
        <Button
          size="xs"
          variant="light"
          onClick={() =>
            onChange({
              ...value,
              rules: [
                ...value.rules,
                { conditions: [NEW_CONDITION], subset: versions[1] ?? versions[0] ?? '' },
              ],
            })
          }
        >
          Add rule
        </Button>
        <Select
          size="xs"
          w={200}
          label="All other requests go to"
          data={versions}
          value={value.defaultSubset || null}
          onChange={(v) => onChange({ ...value, defaultSubset: v ?? '' })}
        />
      </Group>
    </Stack>
  );
}
