import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Ports and state dir of the demo stack the e2e suite runs against. A port base (E2E_PORT_BASE)
 * keeps it apart from a developer's running `npm run demo` and from other suites.
 */
const base = Number(process.env.E2E_PORT_BASE ?? 21000);

export const demoEnv = {
  consoleUrl: `http://127.0.0.1:${base + 1}`,
  stateDir: join(tmpdir(), `meshscope-e2e-${base}`),
  get kubeconfig() {
    return join(this.stateDir, 'kubeconfig');
  },
  env: {
    MESHSCOPE_PORT: String(base + 1),
    DEMO_CLUSTER_PORT: String(base + 2),
    PROMETHEUS_PORT: String(base + 3),
    JAEGER_PORT: String(base + 4),
    DEMO_MESH_PORT: String(base + 5),
    DEMO_DIR: join(tmpdir(), `meshscope-e2e-${base}`),
    DEMO_SCRAPE_INTERVAL: '1s',
  },
};
