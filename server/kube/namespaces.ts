import 'server-only';

import type { Health, NamespaceInfo } from '@/server/model/graph';

import { namespaceInjects } from './workloads';

/** Counts of workload health in one namespace. */
export type HealthSummary = NamespaceInfo['health'];

export function emptySummary(): HealthSummary {
  return { healthy: 0, degraded: 0, failure: 0, idle: 0, unknown: 0 };
}

/** A namespace row: its labels, whether sidecars are injected, and its workloads' health. */
export function toNamespaceInfo(
  name: string,
  labels: Record<string, string>,
  workloadHealth: readonly Health[],
): NamespaceInfo {
  const health = emptySummary();
  for (const h of workloadHealth) health[h]++;
  return { name, labels, sidecarInjection: namespaceInjects(labels), health };
}
