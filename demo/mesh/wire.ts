import type { WorkloadIdentity } from './behaviour';
import type { MeshProtocol } from './snapshot';
import type { DestinationService } from './telemetry';

/** A request as the simulated proxies and apps exchange it, whatever the wire protocol. */
export interface MeshRequest {
  method: string;
  path: string;
  authority: string;
  /** Lowercase header names. */
  headers: Record<string, string>;
  /** Request body size in bytes (TCP: payload written). */
  bodyBytes: number;
}

export interface MeshResponse {
  /** HTTP status (gRPC: 200 unless the proxy answered locally); 0 when nothing came back. */
  status: number;
  grpcStatus?: number;
  bodyBytes: number;
}

/**
 * Istio's sidecars exchange peer metadata (workload, app, version, principal…) so each side can
 * label its telemetry; the demo carries it in one header between its simulated proxies.
 */
export const PEER_HEADER = 'x-meshscope-peer';
/** The service the source routed to, so the destination reports the same destination_service. */
export const SERVICE_HEADER = 'x-meshscope-service';
/** The caller pod's (fake) IP, which Envoy's spans show as peer.address. */
export const PEER_IP_HEADER = 'x-meshscope-peer-ip';

/** Headers the demo's proxies use among themselves and strip before the app sees them. */
export const INTERNAL_HEADERS = [PEER_HEADER, SERVICE_HEADER, PEER_IP_HEADER];

export function encodePeer(id: WorkloadIdentity): string {
  return Buffer.from(JSON.stringify(id)).toString('base64url');
}

export function decodePeer(value: string | undefined): WorkloadIdentity | undefined {
  if (!value) return undefined;
  try {
    const v = JSON.parse(Buffer.from(value, 'base64url').toString()) as WorkloadIdentity;
    return typeof v.workload === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

export function encodeService(s: DestinationService): string {
  return `${s.host}|${s.name}|${s.namespace}`;
}

export function decodeService(value: string | undefined): DestinationService | undefined {
  const parts = value?.split('|');
  return parts && parts.length === 3
    ? { host: parts[0], name: parts[1], namespace: parts[2] }
    : undefined;
}

/** Approximate header bytes, as Envoy counts them in request/response sizes. */
export function headerBytes(headers: Record<string, string>): number {
  let n = 0;
  for (const [k, v] of Object.entries(headers)) n += k.length + v.length + 4;
  return n;
}

/** The wire protocol a listener speaks. */
export type { MeshProtocol };
