import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Page } from '@playwright/test';
import { stringify } from 'yaml';

import { expect as baseExpect, test } from './fixtures';

// The shared demo machine runs many suites at once; give server round trips room.
const expect = baseExpect.configure({ timeout: 45_000 });

/**
 * The Istio config pages on the demo: list with validation status, edit a VirtualService in the
 * YAML editor (a semantic error is shown, a valid change saves), and create config through the
 * fault-injection wizard. Uses ratings and details so it never touches what traffic.spec edits.
 */

const RATINGS = `
apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata: { name: ratings, namespace: bookinfo }
spec:
  host: ratings
  subsets: [{ name: v1, labels: { version: v1 } }]
---
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata: { name: ratings, namespace: bookinfo }
spec:
  hosts: [ratings]
  http:
    - route:
        - destination: { host: ratings, subset: v1 }
`;

interface Detail {
  object: { metadata: Record<string, unknown>; spec: { http: Record<string, unknown>[] } };
}

/** Replaces the editor's whole text (insertText skips CodeMirror's auto-indent). */
async function setEditor(page: Page, label: string, text: string) {
  const editor = page.getByRole('textbox', { name: label });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

test.describe('Istio config', () => {
  // The shared demo machine is slow under load; the flows themselves take seconds.
  test.setTimeout(180_000);
  test.afterAll(async ({ kubectl }) => {
    await kubectl('delete', 'vs,dr', 'ratings', '-n', 'bookinfo', '--ignore-not-found');
    await kubectl('delete', 'vs', 'details', '-n', 'bookinfo', '--ignore-not-found');
  });

  test('lists objects with validation, shows a semantic error, saves a valid edit', async ({
    page,
    kubectl,
    snap,
  }, testInfo) => {
    await mkdir(testInfo.outputDir, { recursive: true });
    const file = join(testInfo.outputDir, 'ratings.yaml');
    await writeFile(file, RATINGS);
    await kubectl('apply', '-f', file);

    await page.goto('/config?namespace=bookinfo');
    const table = page.getByRole('table', { name: 'Istio objects' });
    await expect(table.getByRole('link', { name: 'ratings' })).toHaveCount(2);
    await expect(table.getByRole('link', { name: 'bookinfo-gateway' })).toBeVisible();
    const rows = table.getByRole('row');
    await expect(
      rows.filter({ hasText: 'ratings' }).getByRole('img', { name: 'Valid' }),
    ).toHaveCount(2);
    await snap('config-list-light');

    await page.goto('/config/bookinfo/virtualservice/ratings');
    const label = 'YAML of VirtualService ratings';
    await expect(page.getByRole('textbox', { name: label })).toContainText('subset: v1');

    // The editor's object, with the resourceVersion it was loaded at.
    const res = await page.request.get('/api/namespaces/bookinfo/istio/virtualservice/ratings');
    const { object } = (await res.json()) as Detail;
    const broken = structuredClone(object);
    broken.spec.http[0].route = [{ destination: { host: 'ratings', subset: 'v7' } }];
    await setEditor(page, label, stringify(broken));
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toBeVisible();
    await expect(page.getByText('Subset "v7" is not defined')).toBeVisible();
    await snap('config-detail-semantic-error');
    expect(
      await kubectl(
        'get',
        'vs',
        'ratings',
        '-n',
        'bookinfo',
        '-o',
        'jsonpath={.spec.http[0].route[0].destination.subset}',
      ),
    ).toBe('v1');

    const fixed = structuredClone(object);
    fixed.spec.http[0].timeout = '3s';
    await setEditor(page, label, stringify(fixed));
    await page.getByRole('button', { name: 'Validate' }).click();
    await expect(page.getByRole('region', { name: 'Dry run' })).toContainText('Nothing was saved');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    expect(
      await kubectl(
        'get',
        'vs',
        'ratings',
        '-n',
        'bookinfo',
        '-o',
        'jsonpath={.spec.http[0].timeout}',
      ),
    ).toBe('3s');
    // The editor now holds the saved object at its new version, ready for the next edit.
    const version = await kubectl(
      'get',
      'vs',
      'ratings',
      '-n',
      'bookinfo',
      '-o',
      'jsonpath={.metadata.resourceVersion}',
    );
    await expect(page.getByRole('textbox', { name: label })).toContainText(
      `resourceVersion: "${version}"`,
    );

    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    await snap('config-detail-dark');
    await page.goto('/config?namespace=bookinfo');
    await expect(table.getByRole('link', { name: 'ratings' })).toHaveCount(2);
    await snap('config-list-dark');
    await page.getByRole('button', { name: 'Switch to light mode' }).click();
  });

  test('creates fault injection with the wizard, previewed then applied, then deletes it', async ({
    page,
    kubectl,
    snap,
  }) => {
    await page.goto('/config?namespace=bookinfo');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('menuitem', { name: 'Fault injection…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Service' }).click();
    await page.getByRole('option', { name: /^details/ }).click();
    await dialog.getByRole('textbox', { name: 'Fixed delay' }).fill('2s');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await expect(
      dialog.getByRole('region', { name: 'Dry run of VirtualService details' }),
    ).toContainText('Meshscope found no problems');
    await expect(
      dialog.getByRole('textbox', { name: 'Preview of VirtualService details' }),
    ).toContainText('fixedDelay: 2s');
    await snap('config-wizard-fault-preview');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Applied' })).toBeVisible();
    expect(
      await kubectl(
        'get',
        'vs',
        'details',
        '-n',
        'bookinfo',
        '-o',
        'jsonpath={.spec.http[0].fault.delay.fixedDelay}',
      ),
    ).toBe('2s');
    await dialog.getByRole('link', { name: 'Open VirtualService details' }).click();

    await expect(page.getByRole('heading', { name: 'details' })).toBeVisible();
    // Someone changes it after it was shown: the delete names the version shown, so it fails
    // with a conflict and deletes nothing.
    await kubectl('label', 'vs', 'details', '-n', 'bookinfo', 'changed-by=someone-else');
    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(confirm.getByRole('alert')).toContainText(
      'Someone else changed VirtualService details since you opened it',
    );
    await expect(confirm.getByRole('alert')).toContainText('nothing was deleted');
    await snap('config-delete-conflict');
    expect(await kubectl('get', 'vs', 'details', '-n', 'bookinfo', '-o', 'name')).toContain(
      'details',
    );
    await confirm.getByRole('button', { name: 'Reload their version' }).click();
    await expect(confirm.getByRole('alert')).toHaveCount(0);
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL(/\/config\?namespace=bookinfo$/);
    await expect(kubectl('get', 'vs', 'details', '-n', 'bookinfo')).rejects.toThrow(/NotFound/);
  });
});
