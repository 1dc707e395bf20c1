/**
 * A stub OpenAPI v3 (reference §3): enough for `kubectl apply`/`create`/`replace` to skip
 * client-side schema validation and send `fieldValidation=Strict`, which makes the server the
 * one place that validates. kubectl looks for a PATCH operation whose
 * `x-kubernetes-group-version-kind` matches and which declares the `fieldValidation` parameter.
 * `/openapi/v2` stays 404: kubectl then falls back to compiled-in types or merge patch.
 */
import { createHash } from 'node:crypto';

import { apiGroups, groupVersion, resourcesIn } from './resources';

function docPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function allGroupVersions(): { group: string; version: string }[] {
  return [
    { group: '', version: 'v1' },
    ...apiGroups().flatMap((g) => g.versions.map((version) => ({ group: g.name, version }))),
  ];
}

/** The OpenAPI v3 document for one group-version, or undefined if it is not served. */
export function openApiDoc(group: string, version: string) {
  const types = resourcesIn(group, version);
  if (types.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  for (const r of types) {
    const base = `/${docPath(group, version)}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}/{name}`;
    paths[base] = {
      patch: {
        'x-kubernetes-group-version-kind': { group, version, kind: r.kind },
        parameters: [
          { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } },
        ],
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Meshscope demo cluster', version: groupVersion(group, version) },
    paths,
    components: { schemas: {} },
  };
}

/** The `/openapi/v3` index; each hash changes whenever its document does. */
export function openApiIndex() {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of allGroupVersions()) {
    const doc = JSON.stringify(openApiDoc(group, version));
    const hash = createHash('sha256').update(doc).digest('hex').slice(0, 32).toUpperCase();
    paths[docPath(group, version)] = {
      serverRelativeURL: `/openapi/v3/${docPath(group, version)}?hash=${hash}`,
    };
  }
  return { paths };
}
