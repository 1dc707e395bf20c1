import 'server-only';

import { upstreamConfig } from '@/server/config';
import { kubeClients } from '@/server/kube/client';
import type { StatusReport, UpstreamHealth } from '@/server/model/status';

const PROBE_TIMEOUT_MS = 3_000;

/** Probes Prometheus, Jaeger and the Kubernetes API in parallel with a short timeout each. */
export async function probeUpstreams(): Promise<StatusReport> {
  const { prometheusUrl, jaegerUrl } = upstreamConfig();
  const [prometheus, jaeger, kubernetes] = await Promise.all([
    timed(() => httpOk(`${prometheusUrl}/-/ready`)),
    timed(() => httpOk(`${jaegerUrl}/api/services`)),
    timed(async () => {
      await kubeClients().core.listNamespace({ limit: 1 });
    }),
  ]);
  return { prometheus, jaeger, kubernetes };
}

async function httpOk(url: string): Promise<void> {
  const res = await fetch(url, {
    signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    cache: 'no-store',
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

async function timed(probe: () => Promise<void>): Promise<UpstreamHealth> {
  const start = performance.now();
  try {
    await Promise.race([
      probe(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('timed out')), PROBE_TIMEOUT_MS).unref(),
      ),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - start) };
  } catch (err) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - start),
      error: describe(err),
    };
  }
}

function describe(err: unknown): string {
  const e = err as { cause?: { code?: string }; message?: string; code?: number };
  if (e?.cause?.code) return e.cause.code;
  if (typeof e?.code === 'number') return `HTTP ${e.code}`;
  return e?.message ?? String(err);
}
