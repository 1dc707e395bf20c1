import 'server-only';

import {
  type IstioObject,
  type ObjectValidation,
  statusOf,
  type ValidationCheck,
} from '@/server/model/istio-config';

import { checkDestinationRule } from './destination-rule';
import { type ConfigSnapshot, keyOf, type ObjectCheck, SnapshotIndex } from './snapshot';
import { checkVirtualService } from './virtual-service';

export type { ConfigSnapshot, ServiceInfo, WorkloadInfo } from './snapshot';
export { keyOf, objectKey } from './snapshot';

/** Semantic checks per kind; kinds without an entry are always valid. */
const CHECKS: Partial<Record<string, ObjectCheck>> = {
  VirtualService: checkVirtualService,
  DestinationRule: checkDestinationRule,
};

function validation(checks: ValidationCheck[]): ObjectValidation {
  return { status: statusOf(checks), checks };
}

function run(o: IstioObject, index: SnapshotIndex): ObjectValidation {
  const check = CHECKS[o.kind];
  return validation(check ? check(o, index) : []);
}

/**
 * Validates every object of the snapshot whose namespace is in `namespaces` (all when omitted);
 * objects of other namespaces are only referenced. Keyed by `Kind/namespace/name`.
 */
export function validateSnapshot(
  snapshot: ConfigSnapshot,
  namespaces?: readonly string[],
): Map<string, ObjectValidation> {
  const index = new SnapshotIndex(snapshot);
  const out = new Map<string, ObjectValidation>();
  for (const o of snapshot.objects) {
    if (namespaces && !namespaces.includes(o.metadata.namespace ?? '')) continue;
    out.set(keyOf(o), run(o, index));
  }
  return out;
}

/**
 * Validates a candidate object (a dry run, or a write just made) as if it replaced the object of
 * the same key in the snapshot, so checks such as duplicate hosts compare against the others.
 */
export function validateCandidate(
  snapshot: ConfigSnapshot,
  candidate: IstioObject,
): ObjectValidation {
  const key = keyOf(candidate);
  const objects = [...snapshot.objects.filter((o) => keyOf(o) !== key), candidate];
  return run(candidate, new SnapshotIndex({ ...snapshot, objects }));
}
