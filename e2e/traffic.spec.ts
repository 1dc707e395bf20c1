import type { Page } from '@playwright/test';
import { parse } from 'yaml';

import { expect, test } from './fixtures';

/**
 * Traffic editing on the demo, the way users do it: open the Bookinfo graph, select the reviews
 * service, shift it to v3 in the side panel's Traffic tab (keyboard on the slider plus a typed
 * number), check the VirtualService with kubectl and the graph's telemetry, roll back, undo.
 * The 409 case drives the standalone /traffic/bookinfo/reviews page, which embeds the same editor.
 */

/** Opens the graph, selects the reviews service node and its Traffic tab. */
async function openReviewsTrafficOnGraph(page: Page, reload = false) {
  if (reload) await page.reload();
  else await page.goto('/graph?namespaces=bookinfo&refresh=5000');
  const elements = page.getByRole('group', { name: 'Graph elements' });
  // The first page load of a fresh stack is slow on a busy machine, and rate() needs two scrapes.
  const reviews = elements.getByRole('button', { name: 'reviews', exact: true });
  if (!reload) {
    await expect(reviews).toBeVisible({ timeout: 60_000 });
    await reviews.click();
  }
  const panel = page.getByRole('region', { name: /^Node reviews/ });
  await expect(panel).toBeVisible({ timeout: 45_000 });
  await panel.getByRole('tab', { name: 'Traffic' }).click();
  await expect(page.getByRole('slider', { name: 'Weight for v1' })).toBeVisible({
    timeout: 45_000,
  });
}

interface VsRoute {
  route: { destination: { subset: string }; weight?: number }[];
}

async function vsWeights(kubectl: (...a: string[]) => Promise<string>) {
  const vs = parse(await kubectl('get', 'vs', 'reviews', '-n', 'bookinfo', '-o', 'yaml')) as {
    spec: { http: VsRoute[] };
  };
  return Object.fromEntries(
    vs.spec.http[0].route.map((d) => [d.destination.subset, d.weight ?? 100]),
  );
}

interface GraphLite {
  nodes: { id: string; app?: string; version?: string; namespace: string }[];
  edges: { source: string; target: string; rps: number }[];
}

/** Requests/s into each reviews version over the last 10 s, from the graph API. */
async function reviewsRps(request: import('@playwright/test').APIRequestContext) {
  const res = await request.get(
    '/api/namespaces/graph?namespaces=bookinfo&graphType=versionedApp&duration=10s&injectServiceNodes=true',
  );
  expect(res.ok()).toBe(true);
  const g = (await res.json()) as GraphLite;
  const out: Record<string, number> = {};
  for (const n of g.nodes) {
    if (n.app !== 'reviews' || !n.version) continue;
    out[n.version] = g.edges.filter((e) => e.target === n.id).reduce((a, e) => a + e.rps, 0);
  }
  return out;
}

test('shift reviews to v3, see it in kubectl and telemetry, roll back, undo', async ({
  page,
  kubectl,
  snap,
  request,
}) => {
  await openReviewsTrafficOnGraph(page);
  const v1 = page.getByRole('slider', { name: 'Weight for v1' });
  await expect(v1).toHaveAttribute('aria-valuenow', '34');
  await snap('traffic-reviews');

  // Keyboard on the slider: Home drags v1 to 0; v2 and v3 take the rest.
  await v1.focus();
  await page.keyboard.press('Home');
  await expect(v1).toHaveAttribute('aria-valuenow', '0');
  // Typed: v3 = 100 takes everything from v2 (v1 is already 0).
  const v3Typed = page.getByRole('textbox', { name: 'Weight for v3 (typed)' });
  await v3Typed.fill('100');
  await expect(page.getByRole('slider', { name: 'Weight for v3' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  await expect(page.getByRole('slider', { name: 'Weight for v2' })).toHaveAttribute(
    'aria-valuenow',
    '0',
  );

  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  const diff = page.getByRole('region', { name: 'Changes to apply' });
  await expect(diff).toContainText('subset: v3');
  await expect(page.getByText('Also creates DestinationRule')).toBeVisible();
  await snap('traffic-apply-diff');
  await page.getByRole('button', { name: 'Apply changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Applied' })).toBeVisible();

  expect(await vsWeights(kubectl)).toEqual({ v1: 0, v2: 0, v3: 100 });
  const labels = await kubectl(
    'get',
    'vs,dr',
    'reviews',
    '-n',
    'bookinfo',
    '-o',
    'jsonpath={range .items[*]}{.metadata.labels.app\\.kubernetes\\.io/managed-by}{" "}{end}',
  );
  expect(labels.trim()).toBe('meshscope meshscope');

  // Within 30 s the telemetry shows no traffic to reviews v1 (an idle v1 node drops out of
  // the graph, which counts as 0), and v3 taking it all.
  await expect
    .poll(
      async () => {
        const r = await reviewsRps(request);
        return { v1: r.v1 ?? 0, v3: (r.v3 ?? 0) > 0 };
      },
      { timeout: 30_000, intervals: [2_000] },
    )
    .toEqual({ v1: 0, v3: true });
  await openReviewsTrafficOnGraph(page, true);
  await expect(page.getByRole('slider', { name: 'Weight for v3' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  await snap('traffic-applied');

  // Roll back: one click plus confirmation sends everything to the stable subset (v1).
  await page.getByRole('button', { name: 'Roll back' }).click();
  await expect(page.getByRole('dialog')).toContainText('stable subset v1');
  await page.getByRole('button', { name: 'Confirm roll back' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rolled back' })).toBeVisible();
  expect(await vsWeights(kubectl)).toEqual({ v1: 100, v2: 0, v3: 0 });
  await snap('traffic-rolled-back');

  // Undo restores the spec from before the roll back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toBeVisible();
  expect(await vsWeights(kubectl)).toEqual({ v1: 0, v2: 0, v3: 100 });

  // Every change is in the audit trail, newest first, with its diff.
  await page.goto('/audit');
  const table = page.getByRole('table', { name: 'Audit trail' });
  // Other specs may have audited their own objects; these four are reviews': create DR, create
  // VS, roll back, undo (newest first).
  const reviewsRows = table.getByRole('row').filter({ hasText: 'reviews' });
  await expect(reviewsRows).toHaveCount(4);
  await reviewsRows.first().click();
  await expect(
    page.getByRole('region', { name: 'Changes to VirtualService reviews' }),
  ).toBeVisible();
  await snap('audit');
});

test('a stale edit gets a 409 with the current object and the page says so', async ({
  page,
  request,
}) => {
  const api = '/api/namespaces/bookinfo/services/reviews/traffic';
  const read = async () =>
    (await (await request.get(api)).json()) as { virtualService?: { resourceVersion: string } };
  // Runs on its own too: make sure the VS exists.
  if (!(await read()).virtualService) {
    expect((await request.put(api, { data: { weights: { v1: 100 } } })).status()).toBe(200);
  }
  await page.goto('/traffic/bookinfo/reviews');
  const v1 = page.getByRole('slider', { name: 'Weight for v1' });
  await expect(v1).toBeVisible({ timeout: 45_000 });
  // Someone else changes the VS after the page loaded it.
  const split = (await read()) as { virtualService: { resourceVersion: string } };
  const other = await request.put(api, {
    data: { weights: { v1: 10, v3: 90 }, resourceVersion: split.virtualService.resourceVersion },
  });
  expect(other.status()).toBe(200);
  const stale = await request.put(api, {
    data: { weights: { v1: 20, v3: 80 }, resourceVersion: split.virtualService.resourceVersion },
  });
  expect(stale.status()).toBe(409);
  const body = (await stale.json()) as { error: { details: { current: { spec: unknown } } } };
  expect(JSON.stringify(body.error.details.current.spec)).toContain('"weight":90');

  await v1.focus();
  await page.keyboard.press('End');
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Someone changed this VirtualService' }),
  ).toBeVisible();
  // The user's input is kept until they reload.
  await expect(v1).toHaveAttribute('aria-valuenow', '100');
  await page.getByRole('button', { name: 'Reload' }).first().click();
  await expect(v1).toHaveAttribute('aria-valuenow', '10');

  // Invalid input is a 422 naming the problem.
  const bad = await request.put(api, {
    data: { weights: { v1: 50, v9: 50 } },
  });
  expect(bad.status()).toBe(422);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
    'unknown subset "v9" (subsets: v1, v2, v3)',
  );
});
