import { stringify } from 'yaml';

import { ANNOTATIONS } from './behaviour';

export interface LargeMeshOptions {
  /** Total Deployments across all namespaces (≥ namespaces). */
  workloads: number;
  namespaces: number;
}

const NAMES = [
  'frontend',
  'catalog',
  'cart',
  'checkout',
  'payment',
  'shipping',
  'currency',
  'email',
  'recommend',
  'ads',
  'inventory',
  'search',
  'auth',
  'users',
  'orders',
  'pricing',
  'tax',
  'notify',
  'store',
  'audit',
];

type Proto = 'http' | 'grpc' | 'tcp';
const PORTS: Record<Proto, { port: number; name: string }> = {
  http: { port: 8080, name: 'http' },
  grpc: { port: 9090, name: 'grpc' },
  tcp: { port: 6379, name: 'tcp-store' },
};

interface App {
  name: string;
  protocol: Proto;
  versions: string[];
  calls: string[];
}

/**
 * Plans one namespace: apps in a binary call tree under `frontend` (fan-out 2), every 4th app
 * gRPC, leaves every 3rd a TCP store, every 5th workload a v2 of an app (so traffic splits are
 * possible), and the frontend calling the next namespace's catalog (cross-namespace edges).
 */
function planNamespace(workloads: number, nextNs: string | undefined): App[] {
  const apps: App[] = [];
  let left = workloads;
  for (let i = 0; left > 0; i++) {
    const name = i < NAMES.length ? NAMES[i] : `svc-${i}`;
    const versions = left >= 2 && i % 5 === 4 ? ['v1', 'v2'] : ['v1'];
    left -= versions.length;
    apps.push({ name, protocol: 'http', versions, calls: [] });
  }
  apps.forEach((a, i) => {
    const kids = [2 * i + 1, 2 * i + 2].filter((k) => k < apps.length);
    if (i > 0 && kids.length === 0 && i % 3 === 0) a.protocol = 'tcp';
    else if (i > 0 && i % 4 === 3) a.protocol = 'grpc';
  });
  apps.forEach((a, i) => {
    for (const k of [2 * i + 1, 2 * i + 2]) {
      if (k < apps.length) a.calls.push(`${apps[k].name}:${PORTS[apps[k].protocol].port}`);
    }
  });
  if (nextNs && apps.length > 1 && apps[1].protocol !== 'tcp') {
    apps[0].calls.push(`${apps[1].name}.${nextNs}:${PORTS[apps[1].protocol].port}`);
  }
  return apps;
}

/**
 * Generates a large, realistic mesh as multi-document YAML for `kubectl apply -f`: namespaces
 * with sidecar injection, Deployments with behaviour annotations, Services, and per namespace a
 * Gateway + VirtualService so the ingress gateway's load reaches every namespace.
 */
export function generateLargeMesh(opts: LargeMeshOptions): string {
  const { workloads, namespaces } = opts;
  if (!Number.isInteger(namespaces) || namespaces < 1)
    throw new RangeError('namespaces must be an integer ≥ 1');
  if (!Number.isInteger(workloads) || workloads < namespaces) {
    throw new RangeError('workloads must be an integer ≥ namespaces');
  }
  const docs: object[] = [];
  const nsName = (i: number) => `mesh-${String(i).padStart(3, '0')}`;
  for (let n = 0; n < namespaces; n++) {
    const ns = nsName(n);
    const count = Math.floor(workloads / namespaces) + (n < workloads % namespaces ? 1 : 0);
    const next = namespaces > 1 && n % 4 === 0 ? nsName((n + 1) % namespaces) : undefined;
    const apps = planNamespace(count, next);
    docs.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { 'istio-injection': 'enabled' } },
    });
    for (const a of apps) {
      const p = PORTS[a.protocol];
      docs.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: a.name, namespace: ns, labels: { app: a.name } },
        spec: {
          selector: { app: a.name },
          ports: [{ name: p.name, port: p.port, targetPort: p.port, protocol: 'TCP' }],
        },
      });
      for (const v of a.versions) {
        const labels = { app: a.name, version: v };
        const annotations: Record<string, string> = {
          [ANNOTATIONS.protocol]: a.protocol,
          [ANNOTATIONS.latencyMs]: a.protocol === 'tcp' ? '1-3' : '3-15',
          [ANNOTATIONS.errorRate]: v === 'v2' ? '0.05' : '0.005',
        };
        if (a.calls.length) annotations[ANNOTATIONS.calls] = a.calls.join(',');
        docs.push({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: `${a.name}-${v}`, namespace: ns, labels },
          spec: {
            replicas: 1,
            selector: { matchLabels: labels },
            template: {
              metadata: { labels, annotations },
              spec: {
                serviceAccountName: 'default',
                containers: [
                  {
                    name: a.name,
                    image: `meshscope/demo-${a.name}:${v}`,
                    ports: [{ containerPort: p.port }],
                  },
                  { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.24.0' },
                ],
              },
            },
          },
        });
      }
      if (a.versions.length > 1) {
        docs.push({
          apiVersion: 'networking.istio.io/v1',
          kind: 'DestinationRule',
          metadata: { name: a.name, namespace: ns },
          spec: {
            host: a.name,
            subsets: a.versions.map((v) => ({ name: v, labels: { version: v } })),
          },
        });
      }
    }
    docs.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'ingress', namespace: ns },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [
          { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: [`${ns}.mesh.demo`] },
        ],
      },
    });
    docs.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'frontend-ingress', namespace: ns },
      spec: {
        hosts: [`${ns}.mesh.demo`],
        gateways: ['ingress'],
        http: [{ route: [{ destination: { host: 'frontend', port: { number: 8080 } } }] }],
      },
    });
  }
  return docs.map((d) => stringify(d)).join('---\n');
}
