import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import type { SpanSink } from '../traces/span';
import { UNKNOWN_IDENTITY, type WorkloadIdentity } from './behaviour';
import type { RouteCaller } from './routing/match';
import { retriable } from './routing/retry-on';
import { type RetryPolicy, routeRequest, routeTcp, type UpstreamTarget } from './routing/route';
import { UpstreamCluster } from './routing/upstream';
import type { MeshProtocol, MeshSnapshot } from './snapshot';
import { injectContext, newId, nowUs, proxySpan, type TraceContext } from './spans';
import type { DestinationService, MeshTelemetry } from './telemetry';
import { NoResponse } from './transport';
import {
  encodePeer,
  encodeService,
  headerBytes,
  type MeshRequest,
  type MeshResponse,
  PEER_HEADER,
  PEER_IP_HEADER,
  SERVICE_HEADER,
} from './wire';

/** A running replica as the proxies address it. */
export interface ReplicaAddress {
  port: number;
  protocol: MeshProtocol;
  identity: WorkloadIdentity;
  podIp: string;
}

/** What the simulated proxies need from the mesh runtime. */
export interface MeshEnv {
  snapshot(): MeshSnapshot;
  replica(namespace: string, pod: string): ReplicaAddress | undefined;
  telemetry: MeshTelemetry;
  sink?: SpanSink;
  /** Probability that a new trace is sampled. */
  sampling: number;
  random: () => number;
  /** Delivers a request to a replica (real sockets, or in-process in large mode). */
  transport(
    protocol: MeshProtocol,
    port: number,
    req: MeshRequest,
    signal: AbortSignal,
  ): Promise<MeshResponse>;
  clusters: Map<string, UpstreamCluster>;
}

/** The proxy making an outbound call: the caller pod's identity and routing view. */
export interface Caller {
  identity: WorkloadIdentity;
  routeCaller: RouteCaller;
  pod: string;
  podIp: string;
  isGateway: boolean;
}

export interface OutboundCall {
  authority: string;
  port: number;
  path: string;
  method: string;
  /** Headers the app sends (end-user, user-agent…); trace headers are added here. */
  headers: Record<string, string>;
}

interface Outcome {
  res: MeshResponse;
  flags: string;
  upstream?: ReplicaAddress;
  /** Why no response came back (for retry_on). */
  reason?: 'connect-failure' | 'reset' | 'timeout';
}

/** Envoy's HTTP → gRPC status mapping for local replies. */
function grpcFromHttp(status: number): number {
  if (status === 404) return 12;
  if (status === 429 || status === 502 || status === 503 || status === 504) return 14;
  return 2;
}

/**
 * One outbound request through the caller's sidecar: route, fault, circuit-break, pick an
 * endpoint, make the real request with retries and timeouts, mirror, then report telemetry
 * (reporter="source") and the client span. Resolves with what the app would see.
 */
export async function outbound(
  env: MeshEnv,
  caller: Caller,
  call: OutboundCall,
  parent: TraceContext | undefined,
): Promise<MeshResponse> {
  const startMs = performance.now();
  const startUs = nowUs();
  const snapshot = env.snapshot();
  const ctx: TraceContext = parent ?? {
    traceId: newId(16),
    spanId: '',
    sampled: env.random() < env.sampling,
    requestId: randomUUID(),
  };
  const clientSpanId = newId(8);
  const baseHeaders: Record<string, string> = {
    ...call.headers,
    ...injectContext({ ...ctx, spanId: clientSpanId }, ctx.spanId || undefined),
    [PEER_HEADER]: encodePeer(caller.identity),
    [PEER_IP_HEADER]: caller.podIp,
  };

  const tcpTarget = tcpTargetFor(env, snapshot, call, caller);
  if (tcpTarget) return outboundTcp(env, caller, call, tcpTarget, baseHeaders);

  const decision = routeRequest(
    snapshot,
    {
      authority: call.authority,
      port: call.port,
      path: call.path,
      method: call.method,
      headers: call.headers,
    },
    caller.routeCaller,
    env.random,
  );
  const target = decision.target;
  const service = destinationService(target, call.authority);
  const headers = {
    ...baseHeaders,
    ...decision.setHeaders,
    [SERVICE_HEADER]: encodeService(service),
  };
  const req: MeshRequest = {
    method: call.method,
    path: decision.path,
    authority: decision.authority,
    headers,
    bodyBytes: 0,
  };
  const protocol = target ? targetProtocol(env, target) : 'http';

  let outcome: Outcome;
  if (decision.kind === 'none') outcome = { res: { status: 404, bodyBytes: 0 }, flags: 'NR' };
  else if (decision.kind === 'direct')
    outcome = { res: { status: decision.directStatus ?? 200, bodyBytes: 0 }, flags: '-' };
  else outcome = await forward(env, caller, decision, target!, req, protocol, call.headers);

  for (const m of decision.mirrors) mirror(env, caller, m, req);

  const res = outcome.res;
  if (protocol === 'grpc' && res.grpcStatus === undefined) {
    outcome.res = { ...res, grpcStatus: res.status === 200 ? 0 : grpcFromHttp(res.status) };
  }
  const durationMs = performance.now() - startMs;
  const requestBytes = headerBytes(headers) + req.bodyBytes;
  env.telemetry.recordRequest({
    reporter: 'source',
    source: caller.identity,
    destination: outcome.upstream?.identity ?? UNKNOWN_IDENTITY,
    service,
    protocol,
    flags: outcome.flags,
    securityPolicy: 'unknown',
    responseCode: outcome.res.status,
    grpcStatus: outcome.res.grpcStatus,
    durationMs,
    requestBytes,
    responseBytes: outcome.res.bodyBytes,
  });
  if (ctx.sampled && env.sink) {
    env.sink.addSpans([
      proxySpan({
        kind: 'client',
        ctx,
        spanId: clientSpanId,
        parentSpanId: ctx.spanId || undefined,
        operation: decision.operation,
        self: caller.identity,
        pod: caller.pod,
        podIp: caller.podIp,
        peerAddress: caller.podIp,
        upstreamCluster: target?.cluster ?? 'BlackHoleCluster',
        method: call.method,
        url: `http://${call.authority}${call.path}`,
        status: outcome.res.status,
        grpcStatus: protocol === 'grpc' ? outcome.res.grpcStatus : undefined,
        flags: outcome.flags,
        startUs,
        durationUs: durationMs * 1000,
        requestBytes,
        responseBytes: outcome.res.bodyBytes,
        userAgent: call.headers['user-agent'],
        isGateway: caller.isGateway,
      }),
    ]);
  }
  return outcome.res;
}

function destinationService(
  target: UpstreamTarget | undefined,
  authority: string,
): DestinationService {
  if (target?.service)
    return { host: target.host, name: target.service.name, namespace: target.service.namespace };
  const host = target?.host ?? authority.replace(/:\d+$/, '');
  return { host, name: host, namespace: 'unknown' };
}

/** The protocol the upstream speaks: its replicas' listener, else the Service port's name. */
function targetProtocol(env: MeshEnv, target: UpstreamTarget): MeshProtocol {
  for (const e of target.endpoints) {
    const r = env.replica(e.workload.namespace, e.pod);
    if (r) return r.protocol;
  }
  const p = target.service?.ports.find((x) => x.port === target.port);
  const name = (p?.appProtocol ?? p?.name ?? '').toLowerCase();
  if (name.startsWith('grpc')) return 'grpc';
  if (name.startsWith('tcp') || name.startsWith('redis') || name.startsWith('mongo')) return 'tcp';
  return 'http';
}

function tcpTargetFor(
  env: MeshEnv,
  snapshot: MeshSnapshot,
  call: OutboundCall,
  caller: Caller,
): UpstreamTarget | undefined {
  const t = routeTcp(snapshot, call.authority, call.port, caller.routeCaller, env.random);
  return t.service && targetProtocol(env, t) === 'tcp' ? t : undefined;
}

function abortable(ms: number, signal: AbortSignal): Promise<boolean> {
  return sleep(ms, undefined, { signal }).then(
    () => true,
    () => false,
  );
}

async function forward(
  env: MeshEnv,
  caller: Caller,
  decision: ReturnType<typeof routeRequest>,
  target: UpstreamTarget,
  req: MeshRequest,
  protocol: MeshProtocol,
  appHeaders: Record<string, string>,
): Promise<Outcome> {
  const overall = new AbortController();
  const timer = decision.timeoutMs
    ? setTimeout(() => overall.abort(), decision.timeoutMs)
    : undefined;
  try {
    // Istio's fault filter runs before the router: the delay counts against the route timeout.
    if (decision.delayMs && !(await abortable(decision.delayMs, overall.signal))) {
      return { res: { status: 504, bodyBytes: 0 }, flags: 'UT', reason: 'timeout' };
    }
    if (decision.abort) {
      return {
        res: {
          status: decision.abort.httpStatus,
          grpcStatus: decision.abort.grpcStatus,
          bodyBytes: 0,
        },
        flags: 'FI',
      };
    }
    if (!target.service || target.missingSubset)
      return { res: { status: 503, bodyBytes: 0 }, flags: 'NC' };
    const cluster = clusterState(env, caller, target.cluster);
    const hashHeader = target.policy.loadBalancer?.consistentHash?.httpHeaderName?.toLowerCase();
    const hashKey = hashHeader ? appHeaders[hashHeader] : undefined;
    const od = target.policy.outlierDetection;
    for (let attempt = 0; ; attempt++) {
      const pick = cluster.pick(target.endpoints, target.policy, hashKey);
      if ('failure' in pick) return { res: { status: 503, bodyBytes: 0 }, flags: pick.failure };
      const upstream = env.replica(pick.endpoint.workload.namespace, pick.endpoint.pod);
      const outcome = await tryOnce(env, upstream, protocol, req, decision.retry, overall.signal);
      cluster.done(
        pick.endpoint,
        outcome.reason ? 0 : outcome.res.status,
        od,
        target.endpoints.length,
      );
      if (overall.signal.aborted) {
        return { res: { status: 504, bodyBytes: 0 }, flags: 'UT', upstream, reason: 'timeout' };
      }
      if (!retriable(outcome, decision.retry, protocol)) return outcome;
      if (attempt >= decision.retry.attempts) return { ...outcome, flags: 'URX' };
      // Envoy's retry back-off: 25 ms base, jittered.
      if (!(await abortable(25 * (1 + env.random()), overall.signal))) {
        return { res: { status: 504, bodyBytes: 0 }, flags: 'UT', upstream, reason: 'timeout' };
      }
    }
  } finally {
    if (timer) clearTimeout(timer);
  }
}

async function tryOnce(
  env: MeshEnv,
  upstream: ReplicaAddress | undefined,
  protocol: MeshProtocol,
  req: MeshRequest,
  retry: RetryPolicy,
  overall: AbortSignal,
): Promise<Outcome> {
  if (!upstream)
    return { res: { status: 503, bodyBytes: 0 }, flags: 'UF', reason: 'connect-failure' };
  const signals = [overall];
  if (retry.perTryTimeoutMs) signals.push(AbortSignal.timeout(retry.perTryTimeoutMs));
  const signal = AbortSignal.any(signals);
  try {
    const res = await env.transport(protocol, upstream.port, req, signal);
    return { res, flags: '-', upstream };
  } catch (err) {
    if (signal.aborted && !overall.aborted) {
      return { res: { status: 504, bodyBytes: 0 }, flags: 'UT', upstream, reason: 'timeout' };
    }
    const reason = err instanceof NoResponse ? err.reason : 'reset';
    return {
      res: { status: 503, bodyBytes: 0 },
      flags: reason === 'connect-failure' ? 'UF' : 'UC',
      upstream,
      reason,
    };
  }
}

function clusterState(env: MeshEnv, caller: Caller, cluster: string): UpstreamCluster {
  const key = `${caller.identity.namespace}/${caller.pod}|${cluster}`;
  let c = env.clusters.get(key);
  if (!c) {
    c = new UpstreamCluster(Date.now, env.random);
    env.clusters.set(key, c);
  }
  return c;
}

/** Envoy shadows fire-and-forget with `-shadow` appended to the authority; no source report. */
function mirror(env: MeshEnv, caller: Caller, target: UpstreamTarget, req: MeshRequest): void {
  if (!target.service) return;
  const cluster = clusterState(env, caller, target.cluster);
  const pick = cluster.pick(target.endpoints, target.policy);
  if ('failure' in pick) return;
  const upstream = env.replica(pick.endpoint.workload.namespace, pick.endpoint.pod);
  const service = destinationService(target, req.authority);
  const shadow: MeshRequest = {
    ...req,
    authority: `${req.authority.replace(/(:\d+)?$/, '-shadow$1')}`,
    headers: { ...req.headers, [SERVICE_HEADER]: encodeService(service) },
  };
  const done = (status: number) =>
    cluster.done(pick.endpoint, status, undefined, target.endpoints.length);
  if (!upstream) return done(0);
  env
    .transport(upstream.protocol, upstream.port, shadow, AbortSignal.timeout(10_000))
    .then((r) => done(r.status))
    .catch(() => done(0));
}

async function outboundTcp(
  env: MeshEnv,
  caller: Caller,
  call: OutboundCall,
  target: UpstreamTarget,
  headers: Record<string, string>,
): Promise<MeshResponse> {
  const service = destinationService(target, call.authority);
  const req: MeshRequest = {
    method: 'CONNECT',
    path: '',
    authority: call.authority,
    headers: { ...headers, [SERVICE_HEADER]: encodeService(service) },
    bodyBytes: 64 + Math.floor(env.random() * 512),
  };
  const cluster = clusterState(env, caller, target.cluster);
  const pick = cluster.pick(target.endpoints, target.policy);
  let res: MeshResponse = { status: 503, bodyBytes: 0 };
  let flags: string = 'UH';
  let upstream: ReplicaAddress | undefined;
  if (!('failure' in pick)) {
    upstream = env.replica(pick.endpoint.workload.namespace, pick.endpoint.pod);
    const o = await tryOnce(
      env,
      upstream,
      'tcp',
      req,
      { attempts: 0, retryOn: new Set() },
      AbortSignal.timeout(30_000),
    );
    res = o.res;
    flags = o.flags;
    cluster.done(pick.endpoint, o.reason ? 0 : res.status, undefined, target.endpoints.length);
  } else {
    flags = pick.failure;
  }
  env.telemetry.recordTcp({
    reporter: 'source',
    source: caller.identity,
    destination:
      flags === '-' || flags === 'UC' ? (upstream?.identity ?? UNKNOWN_IDENTITY) : UNKNOWN_IDENTITY,
    service,
    protocol: 'tcp',
    flags,
    securityPolicy: 'unknown',
    sentBytes: res.bodyBytes,
    receivedBytes: req.bodyBytes,
  });
  return res;
}
