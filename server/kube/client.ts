import 'server-only';

import * as k8s from '@kubernetes/client-node';

import { AppError } from '@/server/http/app-error';

import { upstreamConfig } from '../config';

/**
 * The one place that builds a KubeConfig and the API clients (Backstage's single client
 * provider). Order: $KUBECONFIG, then in-cluster service account, then ~/.kube/config.
 */
export function loadKubeConfig(path = upstreamConfig().kubeconfig): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  if (path) kc.loadFromFile(path);
  else if (process.env.KUBERNETES_SERVICE_HOST) kc.loadFromCluster();
  else kc.loadFromDefault();
  return kc;
}

export interface KubeClients {
  kc: k8s.KubeConfig;
  core: k8s.CoreV1Api;
  apps: k8s.AppsV1Api;
  custom: k8s.CustomObjectsApi;
}

let cached: KubeClients | undefined;

/** Clients for the configured cluster, built once per server process. */
export function kubeClients(): KubeClients {
  if (!cached) cached = makeKubeClients(loadKubeConfig());
  return cached;
}

export function makeKubeClients(kc: k8s.KubeConfig): KubeClients {
  return {
    kc,
    core: kc.makeApiClient(k8s.CoreV1Api),
    apps: kc.makeApiClient(k8s.AppsV1Api),
    custom: kc.makeApiClient(k8s.CustomObjectsApi),
  };
}

/**
 * client-node's generated patch methods default to json-patch; every merge patch Meshscope sends
 * passes this so the server sees `application/merge-patch+json`.
 */
export const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

/** A Kubernetes `Status` as the API server sends it. */
export interface KubeStatus {
  kind?: 'Status';
  code?: number;
  reason?: string;
  message?: string;
  details?: unknown;
}

/**
 * Turns a client-node failure into an AppError that keeps the Status: 404 → not_found,
 * 409 → conflict, 422 → invalid, 400 → bad_request, network failures → upstream_unavailable.
 */
export function kubeError(err: unknown, what: string): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof k8s.ApiException) {
    const status = parseStatus(err.body);
    const message = status?.message ?? `Kubernetes API answered ${err.code} for ${what}`;
    const extra = { upstream: 'kubernetes' as const, details: status };
    switch (err.code) {
      case 404:
        return new AppError('not_found', message, extra);
      case 409:
        return new AppError('conflict', message, extra);
      case 422:
        return new AppError('invalid', message, extra);
      case 400:
        return new AppError('bad_request', message, extra);
      default:
        return new AppError('upstream_error', message, extra);
    }
  }
  const msg = err instanceof Error ? err.message : String(err);
  return new AppError('upstream_unavailable', `Kubernetes API unreachable while ${what}: ${msg}`, {
    upstream: 'kubernetes',
  });
}

function parseStatus(body: unknown): KubeStatus | undefined {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as KubeStatus;
    } catch {
      return { message: body };
    }
  }
  return (body as KubeStatus | undefined) ?? undefined;
}
