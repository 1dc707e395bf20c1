import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import {
  type Behaviour,
  parseBehaviour,
  sample,
  UNKNOWN_IDENTITY,
  type WorkloadIdentity,
  workloadIdentity,
} from './behaviour';
import type { RouteCaller } from './routing/match';
import { type Caller, type MeshEnv, outbound } from './sidecar';
import {
  type MeshProtocol,
  type MeshSnapshot,
  type MeshWorkload,
  selectorMatches,
} from './snapshot';
import { extractContext, newId, nowUs, proxySpan, type TraceContext } from './spans';
import {
  decodePeer,
  decodeService,
  headerBytes,
  INTERNAL_HEADERS,
  type MeshRequest,
  type MeshResponse,
  PEER_HEADER,
  PEER_IP_HEADER,
  SERVICE_HEADER,
} from './wire';

/** Headers Bookinfo's apps forward to their upstream calls (identity, cookies, UA). */
const FORWARDED = ['end-user', 'cookie', 'user-agent', 'x-request-id'];

/** True for Istio gateway deployments (which are Envoys without an app behind them). */
export function isGatewayWorkload(w: MeshWorkload, snapshot: MeshSnapshot): boolean {
  const istio = w.labels.istio;
  if (istio === 'ingressgateway' || istio === 'egressgateway') return true;
  return snapshot.gateways.some(
    (g) => g.namespace === w.namespace && selectorMatches(g.spec.selector, w.labels),
  );
}

/**
 * One running pod of a simulated workload: its inbound listener, its sidecar's inbound side
 * (destination telemetry, server span) and its app (latency, calls, errors). Gateways skip the
 * app and route the request themselves.
 */
export class Replica {
  identity: WorkloadIdentity;
  behaviour: Behaviour;
  port = 0;

  constructor(
    private readonly env: MeshEnv,
    public workload: MeshWorkload,
    readonly pod: string,
    readonly podIp: string,
    readonly protocol: MeshProtocol,
  ) {
    this.identity = workloadIdentity(workload);
    this.behaviour = parseBehaviour(workload.annotations);
  }

  /** Applies a changed pod template (labels, annotations) without restarting the listener. */
  update(w: MeshWorkload): void {
    this.workload = w;
    this.identity = workloadIdentity(w);
    this.behaviour = parseBehaviour(w.annotations);
  }

  /** The proxy identity and routing view used for outbound calls (computed per request). */
  caller(): Caller {
    const snapshot = this.env.snapshot();
    const gateway = isGatewayWorkload(this.workload, snapshot);
    const gateways = gateway
      ? snapshot.gateways
          .filter((g) => selectorMatches(g.spec.selector, this.workload.labels))
          .map((g) => `${g.namespace}/${g.name}`)
      : [];
    const routeCaller: RouteCaller = {
      namespace: this.workload.namespace,
      labels: this.workload.labels,
      gateways,
    };
    return {
      identity: this.identity,
      routeCaller,
      pod: this.pod,
      podIp: this.podIp,
      isGateway: gateway,
    };
  }

  /** Everything that arrives on the listener. */
  handle(req: MeshRequest): Promise<MeshResponse> {
    const caller = this.caller();
    return caller.isGateway ? this.handleGateway(req, caller) : this.handleApp(req, caller);
  }

  /** An ingress gateway: route by its Gateways' VirtualServices; Envoy starts the trace here. */
  private handleGateway(req: MeshRequest, caller: Caller): Promise<MeshResponse> {
    const snapshot = this.env.snapshot();
    const names = new Set(caller.routeCaller.gateways);
    const gwPort =
      snapshot.gateways.find((g) => names.has(`${g.namespace}/${g.name}`))?.spec.servers?.[0]?.port
        ?.number ?? 80;
    const headers: Record<string, string> = {};
    for (const h of FORWARDED) if (req.headers[h]) headers[h] = req.headers[h];
    if (!headers['x-request-id']) headers['x-request-id'] = randomUUID();
    const ctx = extractContext(req.headers);
    return outbound(
      this.env,
      caller,
      {
        authority: req.authority || 'meshscope.demo',
        port: gwPort,
        path: req.path,
        method: req.method,
        headers,
      },
      ctx ? { ...ctx, requestId: headers['x-request-id'] } : undefined,
    );
  }

  private async handleApp(req: MeshRequest, caller: Caller): Promise<MeshResponse> {
    const t0 = performance.now();
    const startUs = nowUs();
    const env = this.env;
    const peer = decodePeer(req.headers[PEER_HEADER]);
    const service = decodeService(req.headers[SERVICE_HEADER]) ?? {
      host: req.authority.replace(/:\d+$/, ''),
      name: this.identity.canonicalService,
      namespace: this.workload.namespace,
    };
    const port = Number(/:(\d+)$/.exec(req.authority)?.[1] ?? this.port);
    const incoming = extractContext(req.headers);
    const serverSpanId = newId(8);
    const ctx: TraceContext = incoming ?? {
      traceId: newId(16),
      spanId: '',
      sampled: env.random() < env.sampling,
      requestId: req.headers['x-request-id'] ?? randomUUID(),
    };
    const appCtx: TraceContext = { ...ctx, spanId: serverSpanId };
    const b = this.behaviour;

    await sleep(sample(b.latencyMs, env.random));
    const fwd: Record<string, string> = {};
    for (const h of FORWARDED) if (req.headers[h]) fwd[h] = req.headers[h];
    // Calls run one after another, as Bookinfo's productpage does (details, then reviews).
    for (const c of b.calls) {
      await outbound(
        env,
        caller,
        {
          authority: `${c.host}:${c.port}`,
          port: c.port,
          path: c.path,
          method: 'GET',
          headers: fwd,
        },
        appCtx,
      );
    }
    const failed = env.random() < b.errorRate;
    const res: MeshResponse =
      this.protocol === 'grpc'
        ? {
            status: 200,
            grpcStatus: failed ? 13 : 0,
            bodyBytes: failed ? 0 : Math.round(sample(b.responseBytes, env.random)),
          }
        : {
            status: failed ? 500 : 200,
            bodyBytes: Math.round(sample(b.responseBytes, env.random)),
          };

    const durationMs = performance.now() - t0;
    const source = peer ?? UNKNOWN_IDENTITY;
    // With a sidecar on both ends Istio's auto-mTLS is on; a caller without one speaks plaintext.
    const securityPolicy = peer ? 'mutual_tls' : 'none';
    const appHeaders = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => !INTERNAL_HEADERS.includes(k)),
    );
    if (this.protocol === 'tcp') {
      env.telemetry.recordTcp({
        reporter: 'destination',
        source,
        destination: this.identity,
        service,
        protocol: 'tcp',
        flags: '-',
        securityPolicy,
        sentBytes: res.status >= 500 ? 0 : res.bodyBytes,
        receivedBytes: req.bodyBytes,
      });
      return res;
    }
    const requestBytes = headerBytes(appHeaders) + req.bodyBytes;
    env.telemetry.recordRequest({
      reporter: 'destination',
      source,
      destination: this.identity,
      service,
      protocol: this.protocol,
      flags: '-',
      securityPolicy,
      responseCode: res.status,
      grpcStatus: res.grpcStatus,
      durationMs,
      requestBytes,
      responseBytes: res.bodyBytes,
    });
    if (ctx.sampled && env.sink) {
      env.sink.addSpans([
        proxySpan({
          kind: 'server',
          ctx,
          spanId: serverSpanId,
          parentSpanId: ctx.spanId || undefined,
          operation: `${service.host}:${port}/*`,
          self: this.identity,
          pod: this.pod,
          podIp: this.podIp,
          peerAddress: req.headers[PEER_IP_HEADER] ?? '127.0.0.1',
          upstreamCluster: `inbound|${port}||`,
          method: req.method,
          url: `http://${req.authority}${req.path}`,
          status: res.status,
          grpcStatus: res.grpcStatus,
          flags: '-',
          startUs,
          durationUs: durationMs * 1000,
          requestBytes,
          responseBytes: res.bodyBytes,
          userAgent: req.headers['user-agent'],
        }),
      ]);
    }
    return res;
  }
}
