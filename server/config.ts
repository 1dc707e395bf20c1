import 'server-only';

/**
 * Where the console's upstreams live. Read once from the environment; secrets (tokens in the
 * kubeconfig) never leave the server because nothing here is exported to client components.
 */
export interface UpstreamConfig {
  prometheusUrl: string;
  jaegerUrl: string;
  /** Path of the kubeconfig, or undefined for `~/.kube/config` / in-cluster. */
  kubeconfig?: string;
  /** Timeout for one upstream request, ms. */
  upstreamTimeoutMs: number;
}

export function upstreamConfig(): UpstreamConfig {
  return {
    prometheusUrl: trimSlash(process.env.PROMETHEUS_URL ?? 'http://127.0.0.1:9090'),
    jaegerUrl: trimSlash(process.env.JAEGER_URL ?? 'http://127.0.0.1:16686'),
    kubeconfig: process.env.KUBECONFIG || undefined,
    upstreamTimeoutMs: Number(process.env.MESHSCOPE_UPSTREAM_TIMEOUT_MS ?? 10_000),
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
