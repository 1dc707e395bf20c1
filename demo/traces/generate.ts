import type { DemoSpan } from './span';

/**
 * Deterministic span generators for tests and benchmarks: the same seed always gives the same
 * spans. They produce what the demo's Envoys produce — a client span from the caller's sidecar
 * and a CHILD_OF server span from the callee's sidecar per hop, with Envoy's string tags.
 */

/** mulberry32: tiny, fast, good enough for test data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hexId(rand: () => number, digits: number): string {
  let s = '';
  while (s.length < digits)
    s += Math.floor(rand() * 0x10000)
      .toString(16)
      .padStart(4, '0');
  s = s.slice(0, digits);
  // An all-zero ID is invalid in Jaeger and OTLP.
  return /^0+$/.test(s) ? `${s.slice(0, -1)}1` : s;
}

function uuid(rand: () => number): string {
  const h = hexId(rand, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const between = (rand: () => number, lo: number, hi: number) => Math.round(lo + rand() * (hi - lo));

/** A simulated pod: what the sidecar's tags and the span's process say about it. */
interface Workload {
  app: string;
  namespace: string;
  version: string;
  pod: string;
  ip: string;
  /** Gateways are Envoy "routers", sidecars are "sidecars" in the node ID. */
  router?: boolean;
}

/** One hop A→B as its two spans share it. */
interface Hop {
  traceId: string;
  requestId: string;
  from: Workload;
  to: Workload;
  port: number;
  /** Route decorator, e.g. `reviews.bookinfo.svc.cluster.local:9080/*`. */
  operation: string;
  url: string;
  status: number;
  /** DestinationRule subset in the outbound cluster name, '' when none. */
  subset: string;
  grpcPath?: string;
  grpcStatus?: number;
  responseFlags?: string;
}

function workloadTags(w: Workload): Record<string, string> {
  const kind = w.router ? 'router' : 'sidecar';
  return {
    'istio.canonical_revision': w.version,
    'istio.canonical_service': w.app,
    'istio.mesh_id': 'cluster.local',
    'istio.namespace': w.namespace,
    node_id: `${kind}~${w.ip}~${w.pod}.${w.namespace}~${w.namespace}.svc.cluster.local`,
  };
}

function hopTags(h: Hop, side: 'client' | 'server'): Record<string, string> {
  const self = side === 'client' ? h.from : h.to;
  const cluster =
    side === 'client'
      ? `outbound|${h.port}|${h.subset}|${h.to.app}.${h.to.namespace}.svc.cluster.local`
      : `inbound|${h.port}||`;
  const failed = h.status >= 500 || (h.grpcStatus !== undefined && h.grpcStatus !== 0);
  const tags: Record<string, string> = {
    component: 'proxy',
    downstream_cluster: '-',
    'guid:x-request-id': h.requestId,
    'http.method': h.grpcPath ? 'POST' : 'GET',
    'http.protocol': h.grpcPath ? 'HTTP/2' : 'HTTP/1.1',
    'http.status_code': String(h.status),
    'http.url': h.url,
    ...workloadTags(self),
    // In the sidecar model both spans of a hop are connection-manager spans, so peer.address is
    // the caller's IP on both.
    'peer.address': h.from.ip,
    request_size: '0',
    response_flags: h.responseFlags ?? '-',
    response_size: h.status === 200 ? '1870' : '95',
    'span.kind': side,
    upstream_cluster: cluster,
    'upstream_cluster.name': cluster,
    user_agent: h.grpcPath ? 'grpc-go/1.64.0' : 'python-requests/2.31.0',
  };
  if (h.grpcPath) {
    tags['grpc.path'] = h.grpcPath;
    tags['grpc.status_code'] = String(h.grpcStatus ?? 0);
  }
  if (failed) tags.error = 'true';
  return tags;
}

function span(
  h: Hop,
  side: 'client' | 'server',
  spanId: string,
  parentId: string | undefined,
  startUs: number,
  durationUs: number,
): DemoSpan {
  const self = side === 'client' ? h.from : h.to;
  return {
    traceId: h.traceId,
    spanId,
    references: parentId ? [{ refType: 'CHILD_OF', traceId: h.traceId, spanId: parentId }] : [],
    operationName: h.operation,
    serviceName: `${self.app}.${self.namespace}`,
    processTags: { hostname: self.pod, ip: self.ip },
    startTimeUs: startUs,
    durationUs,
    tags: hopTags(h, side),
    logs: [],
  };
}

const BOOKINFO: Record<string, Workload> = {
  gateway: {
    app: 'istio-ingressgateway',
    namespace: 'istio-system',
    version: 'latest',
    pod: 'istio-ingressgateway-6f9d8c7b5-x2k4q',
    ip: '10.244.0.5',
    router: true,
  },
  productpage: w('productpage', 'v1', 'productpage-v1-7d4b9f8c6-p8xkt', '10.244.0.12'),
  details: w('details', 'v1', 'details-v1-5f4d584748-9hzrb', '10.244.0.10'),
  'reviews-v1': w('reviews', 'v1', 'reviews-v1-86896b7648-lk7wd', '10.244.0.14'),
  'reviews-v2': w('reviews', 'v2', 'reviews-v2-b7dcd98fb-5njm2', '10.244.0.15'),
  'reviews-v3': w('reviews', 'v3', 'reviews-v3-5c5cc7b6d-wtc6d', '10.244.0.16'),
  ratings: w('ratings', 'v1', 'ratings-v1-85cc46b6d4-4pqkc', '10.244.0.11'),
};

function w(
  app: string,
  version: string,
  pod: string,
  ip: string,
  namespace = 'bookinfo',
): Workload {
  return { app, namespace, version, pod, ip };
}

/**
 * One Bookinfo request as the demo mesh traces it: ingressgateway → productpage → details,
 * then reviews-vN (v2/v3 → ratings). The reviews version follows the seed. With `errors`,
 * details answers 500, so both details spans carry `error=true` (productpage still answers 200).
 * Every child starts after and ends before its parent.
 */
export function generateBookinfoTrace(opts: {
  startUs: number;
  seed: number;
  errors?: boolean;
}): DemoSpan[] {
  const rand = rng(opts.seed);
  const traceId = hexId(rand, 32);
  const requestId = uuid(rand);
  const version = ['v1', 'v2', 'v3'][Math.floor(rand() * 3)];
  const reviews = BOOKINFO[`reviews-${version}`];
  const id = () => hexId(rand, 16);
  const net = () => between(rand, 80, 400);
  const hop = (from: Workload, to: Workload, path: string, op = '/*', status = 200): Hop => ({
    traceId,
    requestId,
    from,
    to,
    port: 9080,
    operation: `${to.app}.${to.namespace}.svc.cluster.local:9080${op}`,
    url: `http://${to.app}:9080${path}`,
    status,
    subset: to.router ? '' : to.version,
  });
  const spans: DemoSpan[] = [];
  /** Client span [start, start+dur], server span nested inside; `inner` fills the server span. */
  const call = (
    h: Hop,
    parentId: string | undefined,
    start: number,
    inner: (s: number, sid: string) => number,
  ) => {
    const cid = id();
    const sid = id();
    const n1 = net();
    const serverEnd = inner(start + n1, sid);
    const end = serverEnd + net();
    spans.push(span(h, 'client', cid, parentId, start, end - start));
    spans.push(span(h, 'server', sid, cid, start + n1, serverEnd - (start + n1)));
    return { end, cid };
  };
  const work = (lo: number, hi: number) => (s: number) => s + between(rand, lo, hi);

  const gw = hop(BOOKINFO.gateway, BOOKINFO.productpage, '/productpage', '/productpage');
  gw.url = 'http://bookinfo.meshscope.local/productpage';
  call(gw, undefined, opts.startUs, (ppStart, ppId) => {
    let t = ppStart + between(rand, 500, 2000);
    const detailsHop = hop(
      BOOKINFO.productpage,
      BOOKINFO.details,
      '/details/0',
      '/*',
      opts.errors ? 500 : 200,
    );
    t = call(detailsHop, ppId, t, work(1000, 4000)).end;
    t += between(rand, 200, 800);
    t = call(hop(BOOKINFO.productpage, reviews, '/reviews/0'), ppId, t, (rvStart, rvId) => {
      let r = rvStart + between(rand, 1000, 3000);
      if (version !== 'v1') {
        r = call(hop(reviews, BOOKINFO.ratings, '/ratings/0'), rvId, r, work(500, 2000)).end;
      }
      return r + between(rand, 500, 2000);
    }).end;
    return t + between(rand, 1000, 3000);
  });
  // Parents first, the order a reader expects; the store does not depend on it.
  return spans.sort((a, b) => a.startTimeUs - b.startTimeUs);
}

/** An Online-Boutique-like call graph in namespace `shop`: callee lists and gRPC ports. */
const SHOP: Record<string, { port: number; grpc?: string; calls: string[] }> = {
  frontend: {
    port: 8080,
    calls: [
      'checkoutservice',
      'cartservice',
      'productcatalogservice',
      'currencyservice',
      'recommendationservice',
      'adservice',
      'shippingservice',
    ],
  },
  checkoutservice: {
    port: 5050,
    grpc: 'hipstershop.CheckoutService/PlaceOrder',
    calls: [
      'cartservice',
      'productcatalogservice',
      'currencyservice',
      'shippingservice',
      'emailservice',
      'paymentservice',
    ],
  },
  recommendationservice: {
    port: 8080,
    grpc: 'hipstershop.RecommendationService/ListRecommendations',
    calls: ['productcatalogservice'],
  },
  productcatalogservice: {
    port: 3550,
    grpc: 'hipstershop.ProductCatalogService/GetProduct',
    calls: ['currencyservice'],
  },
  cartservice: { port: 7070, grpc: 'hipstershop.CartService/GetCart', calls: [] },
  currencyservice: { port: 7000, grpc: 'hipstershop.CurrencyService/Convert', calls: [] },
  shippingservice: { port: 50051, grpc: 'hipstershop.ShippingService/GetQuote', calls: [] },
  emailservice: { port: 5000, grpc: 'hipstershop.EmailService/SendOrderConfirmation', calls: [] },
  paymentservice: { port: 50051, grpc: 'hipstershop.PaymentService/Charge', calls: [] },
  adservice: { port: 9555, grpc: 'hipstershop.AdService/GetAds', calls: [] },
};

/**
 * A very large trace (e.g. 50,000 spans) for benchmarks and big-trace UI tests: a 60 s request
 * through the gateway into `frontend.shop`, which fans out across the shop's services (up to
 * five hops deep), about 2% of calls failing. Exactly `spans` spans; timings nest.
 */
export function generateLargeTrace(opts: { spans: number; seed: number }): DemoSpan[] {
  if (!Number.isInteger(opts.spans) || opts.spans < 2) {
    throw new Error(`generateLargeTrace: spans must be an integer >= 2, got ${opts.spans}`);
  }
  // Salted so that seed N here never reproduces the IDs of Bookinfo trace N.
  const rand = rng(opts.seed ^ 0x5bd1e995);
  const traceId = hexId(rand, 32);
  const requestId = uuid(rand);
  const pods = new Map<string, Workload>();
  const workload = (app: string): Workload => {
    let wl = pods.get(app);
    if (!wl) {
      const ip = `10.244.${1 + Math.floor(pods.size / 200)}.${10 + (pods.size % 200)}`;
      wl = w(app, 'v1', `${app}-v1-${hexId(rand, 9)}-${hexId(rand, 5)}`, ip, 'shop');
      pods.set(app, wl);
    }
    return wl;
  };
  const gateway = BOOKINFO.gateway;
  const out: DemoSpan[] = [];
  interface Open {
    span: DemoSpan;
    app: string;
  }
  const addHop = (
    parent: Open | undefined,
    from: Workload,
    to: string,
    start: number,
    dur: number,
    serverToo: boolean,
  ): Open | undefined => {
    const svc = SHOP[to];
    const fail = !serverToo || rand() < 0.02;
    const h: Hop = {
      traceId,
      requestId,
      from,
      to: workload(to),
      port: svc.port,
      operation: `${to}.shop.svc.cluster.local:${svc.port}/*`,
      url: `http://${to}:${svc.port}/${svc.grpc ?? ''}`,
      status: fail ? (serverToo ? 500 : 503) : 200,
      subset: '',
      grpcPath: svc.grpc ? `/${svc.grpc}` : undefined,
      grpcStatus: svc.grpc ? (fail ? 14 : 0) : undefined,
      responseFlags: serverToo ? '-' : 'UF',
    };
    const client = span(h, 'client', hexId(rand, 16), parent?.span.spanId, start, dur);
    out.push(client);
    if (!serverToo) return undefined;
    const n = Math.min(200, Math.floor(dur / 10));
    const server = span(h, 'server', hexId(rand, 16), client.spanId, start + n, dur - 2 * n);
    out.push(server);
    return { span: server, app: to };
  };
  const t0 = 1_750_000_000_000_000 + Math.floor(rand() * 1e12);
  const root = addHop(undefined, gateway, 'frontend', t0, 60_000_000, true) as Open;
  const parents: Open[] = [root];
  const pickParent = () => parents[Math.floor(rand() * parents.length)];
  while (out.length < opts.spans) {
    const parent = pickParent();
    const calls = SHOP[parent.app].calls;
    const to = calls[Math.floor(rand() * calls.length)];
    const pw = parent.span.durationUs;
    const dur = Math.max(20, Math.floor(pw * (0.02 + 0.3 * rand())));
    const start = parent.span.startTimeUs + Math.floor(rand() * (pw - dur));
    // With one span left, the last call fails before reaching a server (flag UF): exact count.
    const child = addHop(
      parent,
      workload(parent.app),
      to,
      start,
      dur,
      opts.spans - out.length >= 2,
    );
    if (child && SHOP[to].calls.length > 0 && child.span.durationUs >= 100) parents.push(child);
  }
  return out;
}
