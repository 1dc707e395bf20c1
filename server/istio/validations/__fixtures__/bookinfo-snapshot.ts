import { readFileSync } from 'node:fs';

import { parseAllDocuments } from 'yaml';

import type { IstioObject } from '@/server/model/istio-config';

import type { ConfigSnapshot } from '../snapshot';

const APPS = ['productpage', 'details', 'ratings', 'reviews'];
const VERSIONS: Record<string, string[]> = { reviews: ['v1', 'v2', 'v3'] };

/** The Bookinfo services and workloads plus the config in bookinfo-config.yaml. */
export function bookinfoSnapshot(): ConfigSnapshot {
  const text = readFileSync(new URL('./bookinfo-config.yaml', import.meta.url), 'utf8');
  const objects = parseAllDocuments(text).map((d) => d.toJS() as IstioObject);
  return {
    objects,
    services: APPS.map((name) => ({ name, namespace: 'bookinfo', selector: { app: name } })),
    workloads: APPS.flatMap((app) =>
      (VERSIONS[app] ?? ['v1']).map((version) => ({
        name: `${app}-${version}`,
        namespace: 'bookinfo',
        labels: { app, version },
      })),
    ),
  };
}

/** Parses one YAML object for a test case. */
export function yamlObject(text: string): IstioObject {
  return parseAllDocuments(text)[0].toJS() as IstioObject;
}
