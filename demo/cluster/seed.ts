/**
 * First-start content: the `default`/`kube-system` namespaces every cluster has, then the YAML
 * manifests in demo/manifests (istio-system first, then Bookinfo), created through the same
 * verbs a client would use, so seeded objects are validated and stamped like any other.
 * ReplicaSets and Pods follow from the Deployments via the controllers.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { parseAllDocuments } from 'yaml';

import type { ClusterApi } from './api';
import { resourceForKind } from './resources';
import type { KubeObject } from './store';

/** Manifests applied on first start, in order. */
export const SEED_MANIFESTS = ['istio-system.yaml', 'bookinfo.yaml'];

export function manifestPath(file: string): string {
  return fileURLToPath(new URL(`../manifests/${file}`, import.meta.url));
}

/** Parses a multi-document YAML file into objects (empty documents skipped). */
export function parseManifests(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((d) => {
      if (d.errors.length) throw new Error(`invalid YAML: ${d.errors[0].message}`);
      return d.toJS() as KubeObject | null;
    })
    .filter((o): o is KubeObject => !!o && typeof o === 'object');
}

/** Creates `objects` through the API; namespaces before the objects that live in them. */
export function createAll(api: ClusterApi, objects: KubeObject[]): void {
  const sorted = [...objects].sort(
    (a, b) => Number(b.kind === 'Namespace') - Number(a.kind === 'Namespace'),
  );
  for (const obj of sorted) {
    const r = resourceForKind(obj.apiVersion, obj.kind);
    if (!r) throw new Error(`seed: no resource serves ${obj.apiVersion} ${obj.kind}`);
    const version = obj.apiVersion.split('/').pop() as string;
    api.create(
      {
        resource: r,
        version,
        namespace: r.namespaced ? (obj.metadata.namespace ?? 'default') : undefined,
      },
      obj,
      { dryRun: false, fieldManager: 'meshscope-seed', fieldValidation: 'Strict' },
    );
  }
}

/** Seeds an empty cluster. */
export async function seedCluster(api: ClusterApi, withDemo: boolean): Promise<void> {
  const base: KubeObject[] = ['default', 'kube-system', 'kube-public'].map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
  }));
  createAll(api, base);
  if (!withDemo) return;
  for (const file of SEED_MANIFESTS) {
    createAll(api, parseManifests(await readFile(manifestPath(file), 'utf8')));
  }
}
