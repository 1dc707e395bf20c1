import type { IstioObject } from '@/server/model/istio-config';

/** The wizards Meshscope offers; the value is also the `?wizard=` URL parameter. */
export type WizardType =
  'request-routing' | 'fault-injection' | 'timeouts-retries' | 'circuit-breaking';

export const WIZARD_LABELS: Record<WizardType, string> = {
  'request-routing': 'Request routing',
  'fault-injection': 'Fault injection',
  'timeouts-retries': 'Timeouts and retries',
  'circuit-breaking': 'Circuit breaking',
};

/** The service a wizard configures. */
export interface WizardTarget {
  namespace: string;
  service: string;
  /** Version labels of the service's workloads (become DestinationRule subsets). */
  versions: string[];
}

/** The API version wizards write; every Istio since 1.22 serves v1. */
export const NETWORKING_V1 = 'networking.istio.io/v1';

/** A duration as Istio's protobuf Duration accepts it in YAML: `500ms`, `2s`, `1.5s`, `1m`. */
export const DURATION = /^\d+(\.\d+)?(ms|s|m|h)$/;

/** Labels every generated object carries so users (and Meshscope) can tell who made it. */
export function wizardMetadata(t: WizardTarget, type: WizardType): IstioObject['metadata'] {
  return {
    name: t.service,
    namespace: t.namespace,
    labels: { 'app.kubernetes.io/managed-by': 'meshscope', 'meshscope.dev/wizard': type },
  };
}

/** A DestinationRule with one subset per version (`version: <v>`), plus an optional policy. */
export function subsetRule(
  t: WizardTarget,
  type: WizardType,
  trafficPolicy?: Record<string, unknown>,
): IstioObject {
  return {
    apiVersion: NETWORKING_V1,
    kind: 'DestinationRule',
    metadata: wizardMetadata(t, type),
    spec: {
      host: t.service,
      ...(trafficPolicy ? { trafficPolicy } : {}),
      subsets: t.versions.map((v) => ({ name: v, labels: { version: v } })),
    },
  };
}

/** A VirtualService for the service with the given HTTP routes. */
export function virtualService(
  t: WizardTarget,
  type: WizardType,
  http: Record<string, unknown>[],
): IstioObject {
  return {
    apiVersion: NETWORKING_V1,
    kind: 'VirtualService',
    metadata: wizardMetadata(t, type),
    spec: { hosts: [t.service], http },
  };
}

/** `{ value: p }`, Istio's Percent, or undefined when out of range. */
export function percent(p: number): { value: number } {
  return { value: Math.round(Math.min(100, Math.max(0, p)) * 100) / 100 };
}

/** Collects problems a form must fix before a preview makes sense. */
export class Problems {
  readonly list: string[] = [];
  need(ok: boolean, message: string): void {
    if (!ok) this.list.push(message);
  }
}

/** What a builder returns: the objects to preview and apply, or what to fix first. */
export type BuildResult = { ok: true; objects: IstioObject[] } | { ok: false; problems: string[] };

export function result(problems: Problems, objects: () => IstioObject[]): BuildResult {
  return problems.list.length
    ? { ok: false, problems: problems.list }
    : { ok: true, objects: objects() };
}
