import { describe, expect, it } from 'vitest';

import {
  AGGREGATED_CONTENT_TYPE,
  aggregatedDiscovery,
  aggregatedFormat,
  legacyGroups,
  resourceList,
} from './discovery';
import { openApiDoc, openApiIndex } from './openapi';

// The Accept header kubectl 1.32 sends on GET /api and /apis (reference §2).
const KUBECTL_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('discovery', () => {
  it('chooses aggregated v2 for kubectl and legacy for plain JSON clients', () => {
    expect(aggregatedFormat(KUBECTL_ACCEPT)).toBe('v2');
    expect(aggregatedFormat('application/json, */*')).toBeUndefined();
    expect(AGGREGATED_CONTENT_TYPE).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
  });

  it('lists per-version resources correctly in aggregated form', () => {
    const apis = aggregatedDiscovery(false, 'v2');
    const net = apis.items.find((g) => g.metadata.name === 'networking.istio.io');
    expect(net?.versions.map((v) => v.version)).toEqual(['v1', 'v1beta1', 'v1alpha3']);
    const names = (version: string) =>
      net?.versions.find((v) => v.version === version)?.resources.map((r) => r.resource) ?? [];
    expect(names('v1')).not.toContain('envoyfilters');
    expect(names('v1alpha3')).toContain('envoyfilters');
    const vs = net?.versions[0].resources.find((r) => r.resource === 'virtualservices');
    expect(vs).toMatchObject({
      responseKind: { group: 'networking.istio.io', version: 'v1', kind: 'VirtualService' },
      scope: 'Namespaced',
      shortNames: ['vs'],
      categories: ['istio-io', 'networking-istio-io'],
    });
    expect(vs?.verbs).toEqual(
      expect.arrayContaining(['get', 'list', 'watch', 'patch', 'deletecollection']),
    );
    const core = aggregatedDiscovery(true, 'v2');
    expect(core.items).toHaveLength(1);
    expect(core.items[0].metadata.name).toBe('');
    const ns = core.items[0].versions[0].resources.find((r) => r.resource === 'namespaces');
    expect(ns?.scope).toBe('Cluster');
  });

  it('serves legacy group lists and APIResourceLists with subresources', () => {
    const sec = legacyGroups().groups.find((g) => g.name === 'security.istio.io');
    expect(sec?.versions.map((v) => v.version)).toEqual(['v1', 'v1beta1']);
    expect(sec?.preferredVersion.groupVersion).toBe('security.istio.io/v1');
    const apps = resourceList('apps', 'v1');
    expect(apps?.resources.map((r) => r.name)).toEqual([
      'deployments',
      'deployments/status',
      'deployments/scale',
      'replicasets',
      'replicasets/status',
      'replicasets/scale',
    ]);
    expect(resourceList('security.istio.io', 'v1alpha3')).toBeUndefined();
  });
});

describe('OpenAPI v3 stub', () => {
  it('indexes every served group-version with a content hash', () => {
    const paths = Object.keys(openApiIndex().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        'api/v1',
        'apis/apps/v1',
        'apis/networking.istio.io/v1alpha3',
        'apis/security.istio.io/v1beta1',
      ]),
    );
    expect(openApiIndex().paths['api/v1'].serverRelativeURL).toMatch(
      /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{32}$/,
    );
  });

  it('declares a PATCH with fieldValidation for each kind, which makes kubectl validate on the server', () => {
    const doc = openApiDoc('networking.istio.io', 'v1beta1');
    const op = (
      doc?.paths[
        '/apis/networking.istio.io/v1beta1/namespaces/{namespace}/virtualservices/{name}'
      ] as {
        patch: { 'x-kubernetes-group-version-kind': unknown; parameters: { name: string }[] };
      }
    ).patch;
    expect(op['x-kubernetes-group-version-kind']).toEqual({
      group: 'networking.istio.io',
      version: 'v1beta1',
      kind: 'VirtualService',
    });
    expect(op.parameters.map((p) => p.name)).toContain('fieldValidation');
    expect(Object.keys(openApiDoc('', 'v1')?.paths ?? {})).toContain('/api/v1/namespaces/{name}');
  });
});
