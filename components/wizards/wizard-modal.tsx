'use client';

import { Alert, Button, Group, List, Modal, Select, Stack, Text } from '@mantine/core';
import Link from 'next/link';
import { useState } from 'react';

import { configPath } from '@/components/config/kinds';
import { useIstioList } from '@/components/queries/use-istio-list';

import { buildCircuitBreaking, CIRCUIT_DEFAULTS } from './builders/circuit-breaking';
import {
  type BuildResult,
  WIZARD_LABELS,
  type WizardTarget,
  type WizardType,
} from './builders/common';
import { buildFaultInjection, FAULT_DEFAULTS } from './builders/fault-injection';
import { buildRequestRouting, type RequestRoutingForm } from './builders/request-routing';
import { buildTimeoutsRetries, TIMEOUTS_DEFAULTS } from './builders/timeouts-retries';
import { CircuitBreakingFields } from './forms/circuit-breaking-form';
import { FaultInjectionFields } from './forms/fault-injection-form';
import { RequestRoutingFields } from './forms/request-routing-form';
import { TimeoutsRetriesFields } from './forms/timeouts-retries-form';
import { useWizardApply } from './use-wizard-apply';
import { WizardPreview } from './wizard-preview';

export interface WizardModalProps {
  type: WizardType;
  namespace: string;
  /** Preselected service (from the graph's `?service=`); the user can change it. */
  service: string;
  onClose: () => void;
}

function defaultRouting(versions: string[]): RequestRoutingForm {
  return {
    rules: [
      {
        conditions: [{ on: 'header', header: 'end-user', op: 'exact', value: 'jason' }],
        subset: versions[1] ?? versions[0] ?? '',
      },
    ],
    defaultSubset: versions[0] ?? '',
  };
}

/**
 * A wizard: a form that produces Istio YAML, a preview with a server-side dry run of every
 * object, then apply. Reached from "Create ▾" on /config and by URL from the graph.
 */
export function WizardModal({ type, namespace, service: initial, onClose }: WizardModalProps) {
  const list = useIstioList(namespace);
  const services = list.data?.services ?? [];
  const [service, setService] = useState(initial);
  const versions = services.find((s) => s.name === service)?.versions ?? [];
  const [routing, setRouting] = useState<RequestRoutingForm | null>(null);
  const [fault, setFault] = useState(FAULT_DEFAULTS);
  const [timeouts, setTimeouts] = useState(TIMEOUTS_DEFAULTS);
  const [circuit, setCircuit] = useState(CIRCUIT_DEFAULTS);
  const flow = useWizardApply(namespace, list.data?.items ?? []);

  const target: WizardTarget = { namespace, service, versions };
  const routingForm = routing ?? defaultRouting(versions);
  const built: BuildResult | undefined = !service
    ? undefined
    : type === 'request-routing'
      ? buildRequestRouting(target, routingForm)
      : type === 'fault-injection'
        ? buildFaultInjection(target, fault)
        : type === 'timeouts-retries'
          ? buildTimeoutsRetries(target, timeouts)
          : buildCircuitBreaking(target, circuit);

  const applied = flow.plan?.every((p) => p.applied);
  const blocked = flow.plan?.some((p) => p.error && !p.applied);

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={
        <Text fw={700}>
          {WIZARD_LABELS[type]} · {namespace}
        </Text>
      }
    >
      <Stack gap="md">
        <Select
          size="xs"
          label="Service"
          w={260}
          searchable
          disabled={Boolean(flow.plan)}
          placeholder={list.isLoading ? 'Loading…' : 'Pick a service'}
          data={services.map((s) => ({
            value: s.name,
            label: s.versions.length ? `${s.name} (${s.versions.join(', ')})` : s.name,
          }))}
          value={service || null}
          onChange={(v) => {
            setService(v ?? '');
            setRouting(null);
          }}
        />
        {flow.plan ? (
          <WizardPreview plan={flow.plan} />
        ) : !service ? (
          <Text size="sm" c="dimmed">
            Pick the service to configure.
          </Text>
        ) : type === 'request-routing' ? (
          <RequestRoutingFields value={routingForm} onChange={setRouting} versions={versions} />
        ) : type === 'fault-injection' ? (
          <FaultInjectionFields value={fault} onChange={setFault} />
        ) : type === 'timeouts-retries' ? (
          <TimeoutsRetriesFields value={timeouts} onChange={setTimeouts} />
        ) : (
          <CircuitBreakingFields value={circuit} onChange={setCircuit} />
        )}
        {!flow.plan && built && !built.ok && (
          <Alert color="yellow" p="xs" title="Before you preview">
            <List size="sm">
              {built.problems.map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {applied && flow.plan && (
          <Alert color="teal" p="xs" role="status" title="Applied">
            <Group gap="md">
              {flow.plan.map((p) => (
                <Link
                  key={p.object.kind}
                  href={configPath(namespace, p.object.kind, p.object.metadata.name)}
                >
                  Open {p.object.kind} {p.object.metadata.name}
                </Link>
              ))}
            </Group>
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          {flow.plan && !applied && (
            <Button variant="default" size="xs" onClick={flow.reset} disabled={flow.busy}>
              Back to the form
            </Button>
          )}
          {!flow.plan && (
            <Button
              size="xs"
              loading={flow.busy}
              disabled={!built?.ok}
              onClick={() => built?.ok && void flow.preview(built.objects)}
            >
              Preview
            </Button>
          )}
          {flow.plan && !applied && (
            <Button
              size="xs"
              color="indigo"
              loading={flow.busy}
              disabled={blocked}
              onClick={() => void flow.apply()}
            >
              Apply
            </Button>
          )}
          {applied && (
            <Button size="xs" onClick={onClose}>
              Done
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
