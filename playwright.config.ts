import { execSync } from 'node:child_process';

import { defineConfig } from '@playwright/test';

import { demoEnv } from './e2e/demo-env';

// Playwright's own browser downloads are not reachable here: drive Debian's chromium instead.
const chromium = (() => {
  try {
    return execSync('command -v chromium', { shell: '/bin/sh' }).toString().trim();
  } catch {
    return undefined;
  }
})();

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  // One demo stack is shared by every spec; specs that change Istio config restore it.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: demoEnv.consoleUrl,
    viewport: { width: 1440, height: 900 },
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // A fresh demo state for every run, so the specs see Bookinfo exactly as seeded.
    command: `rm -rf "${demoEnv.stateDir}" && node --import tsx demo/launcher.ts`,
    url: `${demoEnv.consoleUrl}/api/status`,
    env: {
      ...demoEnv.env,
      ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
    },
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
