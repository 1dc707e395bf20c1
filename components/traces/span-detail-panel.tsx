'use client';

import {
  Accordion,
  ActionIcon,
  Alert,
  Badge,
  Group,
  Loader,
  Stack,
  Table,
  Text,
} from '@mantine/core';

import { useTraceSpan } from '@/components/queries/use-trace-span';
import type { TraceKeyValue, TraceView } from '@/server/model/trace';

import { formatDuration, shortService } from './format';
import classes from './span-detail-panel.module.css';
import { serviceColor } from './waterfall-model';

export interface SpanDetailPanelProps {
  view: TraceView;
  row: number;
  onClose: () => void;
}

function KeyValues({ items, label }: { items: TraceKeyValue[]; label: string }) {
  if (!items.length) {
    return (
      <Text size="xs" c="dimmed">
        None
      </Text>
    );
  }
  return (
    <Table fz="xs" verticalSpacing={2} horizontalSpacing={6} striped aria-label={label}>
      <Table.Tbody>
        {items.map((kv, i) => (
          <Table.Tr key={`${kv.key}-${i}`}>
            <Table.Td className={classes.key}>{kv.key}</Table.Td>
            <Table.Td className={classes.value}>{kv.value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Inline summary of the first tags, shown while the Tags section is folded. */
function summary(items: TraceKeyValue[]): string {
  return items
    .slice(0, 4)
    .map((kv) => `${kv.key}=${kv.value}`)
    .join('  ');
}

/**
 * The selected span: header facts from the rows the page already has, then tags, process, logs,
 * references and warnings fetched lazily for this one span.
 */
export function SpanDetailPanel({ view, row, onClose }: SpanDetailPanelProps) {
  const r = view.rows;
  const spanId = r.spanId[row];
  const detail = useTraceSpan(view.traceId, spanId);
  const service = view.services[r.service[row]];
  const d = detail.data;

  return (
    <aside className={classes.panel} aria-label="Span detail">
      <Group justify="space-between" wrap="nowrap" gap="xs" className={classes.head}>
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <span className={classes.swatch} style={{ background: serviceColor(r.service[row]) }} />
          <Text fw={700} size="sm" truncate>
            {shortService(service)}
          </Text>
          {d?.kind && (
            <Badge size="xs" variant="light" color="gray">
              {d.kind}
            </Badge>
          )}
          {d?.error && (
            <Badge size="xs" color="red">
              error
            </Badge>
          )}
        </Group>
        <ActionIcon variant="subtle" color="gray" aria-label="Close span detail" onClick={onClose}>
          ✕
        </ActionIcon>
      </Group>
      <div className={classes.body}>
        <Text size="xs" className={classes.op}>
          {view.operations[r.operation[row]]}
        </Text>
        <Group gap="md" my={6}>
          <Fact label="Duration" value={formatDuration(r.duration[row])} />
          <Fact label="Start" value={`+${formatDuration(r.start[row])}`} />
          <Fact label="Span ID" value={spanId} mono />
        </Group>
        {detail.isPending && <Loader size="xs" />}
        {detail.isError && (
          <Alert color="red" variant="light">
            {detail.error.message}
          </Alert>
        )}
        {d && (
          <Accordion
            multiple
            defaultValue={['process']}
            variant="contained"
            chevronPosition="left"
            classNames={{ label: classes.accLabel, content: classes.accContent }}
          >
            <Accordion.Item value="tags">
              <Accordion.Control aria-label={`Tags (${d.tags.length})`}>
                <Text size="xs" fw={600} span>
                  Tags ({d.tags.length})
                </Text>
                <Text size="xs" c="dimmed" span className={classes.summary}>
                  {summary(d.tags)}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <KeyValues items={d.tags} label="Span tags" />
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="process">
              <Accordion.Control aria-label={`Process (${d.process.tags.length})`}>
                <Text size="xs" fw={600} span>
                  Process: {d.process.serviceName}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <KeyValues items={d.process.tags} label="Process tags" />
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="logs">
              <Accordion.Control aria-label={`Logs (${d.logs.length})`}>
                <Text size="xs" fw={600} span>
                  Logs ({d.logs.length})
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap={6}>
                  {d.logs.length === 0 && (
                    <Text size="xs" c="dimmed">
                      None
                    </Text>
                  )}
                  {d.logs.map((l, i) => (
                    <div key={i}>
                      <Text size="xs" fw={600}>
                        +{formatDuration(l.timestampUs - view.startUs)}{' '}
                        {l.fields.find((f) => f.key === 'event')?.value ?? 'log'}
                      </Text>
                      <KeyValues items={l.fields} label={`Log ${i + 1}`} />
                    </div>
                  ))}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="refs">
              <Accordion.Control aria-label={`References (${d.references.length})`}>
                <Text size="xs" fw={600} span>
                  References ({d.references.length})
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                {d.references.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    None (a root span)
                  </Text>
                ) : (
                  d.references.map((ref) => (
                    <Text key={`${ref.refType}-${ref.spanId}`} size="xs" ff="monospace">
                      {ref.refType} {ref.spanId}
                      {ref.traceId !== view.traceId ? ` (trace ${ref.traceId})` : ''}
                    </Text>
                  ))
                )}
              </Accordion.Panel>
            </Accordion.Item>
            {d.warnings.length > 0 && (
              <Accordion.Item value="warnings">
                <Accordion.Control aria-label={`Warnings (${d.warnings.length})`}>
                  <Text size="xs" fw={600} c="yellow.7" span>
                    Warnings ({d.warnings.length})
                  </Text>
                </Accordion.Control>
                <Accordion.Panel>
                  {d.warnings.map((w) => (
                    <Text key={w} size="xs">
                      {w}
                    </Text>
                  ))}
                </Accordion.Panel>
              </Accordion.Item>
            )}
          </Accordion>
        )}
      </div>
    </aside>
  );
}

function Fact({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <div>
      <Text size="10px" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xs" ff={mono ? 'monospace' : undefined}>
        {value}
      </Text>
    </div>
  );
}
