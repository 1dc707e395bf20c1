import type {
  DestinationRuleSpec,
  GatewaySpec,
  IstioObject,
  MeshSnapshot,
  MeshWorkload,
  VirtualServiceSpec,
} from '../snapshot';

/** A Bookinfo mesh as the informers would see it, for pure routing/telemetry tests. */
export function workload(name: string, ns: string, labels: Record<string, string>, replicas = 1): MeshWorkload {
  return {
    name,
    namespace: ns,
    labels,
    annotations: {},
    replicas,
    serviceAccount: `bookinfo-${labels.app}`,
    pods: Array.from({ length: replicas }, (_, i) => ({ name: `${name}-abc-${i}`, ip: `10.244.0.${i + 2}` })),
  };
}

export const REVIEWS_DR: IstioObject<DestinationRuleSpec> = {
  name: 'reviews',
  namespace: 'bookinfo',
  spec: {
    host: 'reviews',
    subsets: ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } })),
  },
};

export const GATEWAY: IstioObject<GatewaySpec> = {
  name: 'bookinfo-gateway',
  namespace: 'bookinfo',
  spec: {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 8080, protocol: 'HTTP', name: 'http' }, hosts: ['*'] }],
  },
};

export const GATEWAY_VS: IstioObject<VirtualServiceSpec> = {
  name: 'bookinfo',
  namespace: 'bookinfo',
  spec: {
    hosts: ['*'],
    gateways: ['bookinfo-gateway'],
    http: [
      {
        match: [{ uri: { exact: '/productpage' } }, { uri: { prefix: '/static' } }],
        route: [{ destination: { host: 'productpage', port: { number: 9080 } } }],
      },
    ],
  },
};

export function bookinfo(
  vs: IstioObject<VirtualServiceSpec>[] = [],
  dr: IstioObject<DestinationRuleSpec>[] = [REVIEWS_DR],
): MeshSnapshot {
  const svc = (name: string) => ({
    name,
    namespace: 'bookinfo',
    selector: { app: name },
    ports: [{ port: 9080, name: 'http' }],
  });
  return {
    meshNamespaces: new Set(['bookinfo', 'istio-system']),
    services: [svc('productpage'), svc('details'), svc('reviews'), svc('ratings')],
    workloads: [
      workload('istio-ingressgateway', 'istio-system', { app: 'istio-ingressgateway', istio: 'ingressgateway' }),
      workload('productpage-v1', 'bookinfo', { app: 'productpage', version: 'v1' }),
      workload('details-v1', 'bookinfo', { app: 'details', version: 'v1' }),
      workload('reviews-v1', 'bookinfo', { app: 'reviews', version: 'v1' }),
      workload('reviews-v2', 'bookinfo', { app: 'reviews', version: 'v2' }),
      workload('reviews-v3', 'bookinfo', { app: 'reviews', version: 'v3' }),
      workload('ratings-v1', 'bookinfo', { app: 'ratings', version: 'v1' }),
    ],
    virtualServices: [GATEWAY_VS, ...vs],
    destinationRules: dr,
    gateways: [GATEWAY],
    peerAuthentications: [],
  };
}

export function reviewsVs(spec: Omit<VirtualServiceSpec, 'hosts'>): IstioObject<VirtualServiceSpec> {
  return { name: 'reviews', namespace: 'bookinfo', spec: { hosts: ['reviews'], ...spec } };
}
