/**
 * Next's server start hook: the graph's slow first steps happen at boot instead of in the first
 * graph request — starting the build worker thread (0.5–1 s with its modules) and listing the
 * cluster (about a second for 1,000 workloads).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { sharedGraphBuilder } = await import('@/server/graph/graph-builder');
  sharedGraphBuilder().warm();
  const { clusterInventory } = await import('@/server/graph/get-mesh-graph');
  // An unreachable cluster is reported by the requests that need it, not at boot.
  clusterInventory().catch(() => undefined);
}
