/**
 * Facts the demo controllers share about workloads: the fake node, pod-template-hash, owner
 * references and pod readiness as the Ready condition says.
 */
import { createHash } from 'node:crypto';

import { stableStringify } from './meta';
import type { KubeObject } from './store';

type Obj = Record<string, unknown>;

/** The node every demo pod is "scheduled" on. */
export const NODE_NAME = 'meshscope-demo';

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** A pod-template-hash: stable for equal templates, in the apiserver's safe alphabet. */
export function templateHash(template: unknown): string {
  const digest = createHash('sha256').update(stableStringify(template)).digest();
  let out = '';
  for (let i = 0; i < 10; i++) out += SAFE[digest[i] % SAFE.length];
  return out;
}

export const ownedBy = (o: KubeObject, owner: KubeObject) =>
  !!o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid);

export function ownerRef(owner: KubeObject) {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid as string,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export const isReady = (pod: KubeObject) =>
  ((pod.status as Obj | undefined)?.conditions as Obj[] | undefined)?.some(
    (c) => c.type === 'Ready' && c.status === 'True',
  ) ?? false;
