import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { test as base } from '@playwright/test';

import { demoEnv } from './demo-env';

const run = promisify(execFile);

export interface E2EFixtures {
  /** Runs the real kubectl against the e2e demo cluster and returns stdout. */
  kubectl: (...args: string[]) => Promise<string>;
  /** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
  snap: (name: string) => Promise<void>;
}

export const test = base.extend<E2EFixtures>({
  kubectl: async ({}, use, testInfo) => {
    const cacheDir = join(testInfo.outputDir, 'kube-cache');
    await use(async (...args: string[]) => {
      const { stdout } = await run('kubectl', [
        '--kubeconfig',
        demoEnv.kubeconfig,
        '--cache-dir',
        cacheDir,
        ...args,
      ]);
      return stdout;
    });
  },
  snap: async ({ page }, use, testInfo) => {
    await use(async (name: string) => {
      const dir = join('test-results', 'screenshots');
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      await testInfo.attach(name, { path, contentType: 'image/png' });
    });
  },
});

export { expect } from '@playwright/test';
