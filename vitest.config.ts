import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Two projects: `unit` (pure logic, mocks allowed, fast) and `integration` (real Prometheus,
// the demo cluster through kubectl and client-node, the demo trace API). Integration files end
// in `.int.test.ts` and run one file at a time: they start real servers on loopback ports.
export default defineConfig({
  resolve: { alias: { '@': root, 'server-only': `${root}scripts/server-only-stub.cjs` } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{server,components,demo,app,scripts}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{server,components,demo,app,scripts}/**/*.int.test.ts'],
          exclude: ['node_modules/**'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
