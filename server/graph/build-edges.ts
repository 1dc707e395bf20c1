import 'server-only';

import type { GraphType, Protocol } from '@/server/model/graph';

import { preferDestination, trafficKey } from './dedup';
import { type NodeShape, route } from './map-nodes';
import { edgeId } from './node-id';
import type { Reporter, ResponseTimeStat, Telemetry } from './telemetry';

/** An edge while traffic is being added up; rounded and finished in finalize.ts. */
export interface EdgeAcc {
  id: string;
  source: string;
  target: string;
  protocol: Protocol;
  /** Requests/s (bytes/s for tcp). */
  rps: number;
  codes: Map<string, number>;
  flags: Map<string, number>;
  mtlsRps: number;
  http3xx: number;
  http4xx: number;
  /** 5xx, or non-OK gRPC status. */
  http5xx: number;
  noResponse: number;
  /** Bytes/s. */
  throughput: number;
  /** Response-time values that map onto this edge; resolved in response-time.ts. */
  responseTimes: { reporter: Reporter; stat: ResponseTimeStat; value: number }[];
}

export interface EdgeSet {
  nodes: Map<string, NodeShape>;
  edges: Map<string, EdgeAcc>;
}

export interface BuildOptions {
  graphType: GraphType;
  injectServiceNodes: boolean;
}

export function newEdge(source: string, target: string, protocol: Protocol): EdgeAcc {
  return {
    id: edgeId(source, target, protocol),
    source,
    target,
    protocol,
    rps: 0,
    codes: new Map(),
    flags: new Map(),
    mtlsRps: 0,
    http3xx: 0,
    http4xx: 0,
    http5xx: 0,
    noResponse: 0,
    throughput: 0,
    responseTimes: [],
  };
}

function add(map: Map<string, number>, key: string, v: number): void {
  map.set(key, (map.get(key) ?? 0) + v);
}

/** Adds one request rate to an edge, split by outcome as Kiali does. */
export function addRequests(
  e: EdgeAcc,
  code: string,
  flags: string,
  mtls: boolean,
  rate: number,
): void {
  e.rps += rate;
  add(e.codes, code, rate);
  if (flags !== '-') add(e.flags, flags, rate);
  if (mtls) e.mtlsRps += rate;
  if (code === '-') e.noResponse += rate;
  else if (e.protocol === 'grpc') {
    if (code !== '0') e.http5xx += rate;
  } else if (code.startsWith('3')) e.http3xx += rate;
  else if (code.startsWith('4')) e.http4xx += rate;
  else if (code.startsWith('5')) e.http5xx += rate;
}

/**
 * Telemetry → nodes and edges of the requested graph type (service graphs still at workload
 * level here). Series are de-duplicated (destination-reported wins) before they are added.
 */
export function buildEdges(t: Telemetry, opts: BuildOptions): EdgeSet {
  const nodes = new Map<string, NodeShape>();
  const edges = new Map<string, EdgeAcc>();
  const hopEdges = (
    s: Parameters<typeof route>[0],
    svc: Parameters<typeof route>[1],
    d: Parameters<typeof route>[2],
    protocol: Protocol,
  ): EdgeAcc[] =>
    route(s, svc, d, opts.graphType, opts.injectServiceNodes).map((hop) => {
      if (!nodes.has(hop.source.id)) nodes.set(hop.source.id, hop.source);
      if (!nodes.has(hop.target.id)) nodes.set(hop.target.id, hop.target);
      const id = edgeId(hop.source.id, hop.target.id, protocol);
      let e = edges.get(id);
      if (!e) {
        e = newEdge(hop.source.id, hop.target.id, protocol);
        edges.set(id, e);
      }
      return e;
    });

  for (const r of preferDestination(t.requests, trafficKey)) {
    for (const e of hopEdges(r.source, r.service, r.dest, r.protocol)) {
      addRequests(e, r.code, r.flags, r.mtls, r.rate);
    }
  }
  for (const r of preferDestination(t.tcp, trafficKey)) {
    for (const e of hopEdges(r.source, r.service, r.dest, 'tcp')) {
      e.rps += r.rate;
      e.throughput += r.rate;
      if (r.mtls) e.mtlsRps += r.rate;
    }
  }
  for (const r of preferDestination(t.throughput, trafficKey)) {
    // Only onto edges that carried requests: bytes alone do not make an edge.
    for (const hop of route(r.source, r.service, r.dest, opts.graphType, opts.injectServiceNodes)) {
      const e = edges.get(edgeId(hop.source.id, hop.target.id, r.protocol));
      if (e) e.throughput += r.rate;
    }
  }
  return { nodes, edges };
}
