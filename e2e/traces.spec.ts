import { expect, test } from './fixtures';

/**
 * Traces, against the running demo (simulated Bookinfo at 10 rps, traced into the demo's
 * Jaeger-compatible store). Starts on the graph: productpage's side panel "Traces" tab, then the
 * search it links to.
 */
test.describe('traces', () => {
  test('search productpage traces, open one, see the hops and a span’s tags', async ({
    page,
    snap,
  }) => {
    // From the graph: select productpage, open its Traces tab, then the full search.
    await page.goto('/graph?namespaces=bookinfo&refresh=5000');
    const elements = page.getByRole('group', { name: 'Graph elements' });
    await elements.getByRole('button', { name: 'productpage v1', exact: true }).click({
      timeout: 60_000,
    });
    const node = page.getByRole('region', { name: /^Node productpage/ });
    await node.getByRole('tab', { name: 'Traces' }).click();
    const recent = node.getByRole('list', { name: 'Recent traces of productpage.bookinfo' });
    await expect(recent.getByRole('link').first()).toBeVisible({ timeout: 30_000 });
    await snap('graph-traces-tab');
    // Follow the panel's link by its href: the animated graph keeps the main thread busy, and
    // a soft navigation's click can outlast the test's patience on a loaded machine.
    const searchLink = node.getByRole('link', { name: 'Search traces' });
    await expect(searchLink).toHaveAttribute('href', '/traces?service=productpage.bookinfo');
    await page.goto((await searchLink.getAttribute('href'))!);
    const results = page.getByRole('list', { name: 'Traces' });
    // Traces whose reviews version calls ratings (v2/v3) carry a ratings badge.
    const withRatings = results.getByRole('listitem').filter({ hasText: /ratings/ });
    await expect(async () => {
      await page.getByRole('button', { name: 'Find traces' }).click();
      await expect(withRatings.first()).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 60_000 });
    await expect(page.getByRole('img', { name: /Duration of \d+ traces over time/ })).toBeVisible();
    // Mantine's SegmentedControl hides the radio input; its label is what users click.
    await page.getByText('Longest', { exact: true }).click();
    await expect(page).toHaveURL(/sort=longest/);
    await snap('traces-search');

    await withRatings.first().getByRole('link').click();
    await expect(page).toHaveURL(/\/traces\/[0-9a-f]{32}$/);
    const tree = page.getByRole('tree', { name: /Spans of trace/ });
    const gateway = tree.getByRole('treeitem', { name: /^istio-ingressgateway .* → productpage/ });
    await expect(gateway).toBeVisible();
    await expect(tree.getByRole('treeitem', { name: /^productpage / }).first()).toBeVisible();
    await expect(tree.getByRole('treeitem', { name: /^productpage .* → reviews/ })).toBeVisible();
    await expect(tree.getByRole('treeitem', { name: /^reviews .* → ratings/ })).toBeVisible();
    const ratings = tree.getByRole('treeitem', { name: /^ratings / });
    await expect(ratings).toBeVisible();
    // Pre-order: the ratings server span comes after its reviews caller.
    const levels = await tree
      .getByRole('treeitem')
      .evaluateAll((els) =>
        els.map(
          (e) => `${e.getAttribute('aria-level')} ${e.getAttribute('aria-label')?.split(' ')[0]}`,
        ),
      );
    expect(levels.indexOf(levels.find((l) => l.endsWith('ratings'))!)).toBeGreaterThan(
      levels.findIndex((l) => l.endsWith('reviews')),
    );

    await ratings.click();
    const detail = page.getByRole('complementary', { name: 'Span detail' });
    await expect(detail).toBeVisible();
    await detail.getByRole('button', { name: /^Tags \(\d+\)$/ }).click();
    const tags = detail.getByRole('table', { name: 'Span tags' });
    await expect(tags.getByRole('row', { name: /istio\.canonical_service ratings/ })).toBeVisible();
    await expect(tags.getByRole('row', { name: /span\.kind server/ })).toBeVisible();
    await snap('trace-bookinfo');

    // Drag across the minimap to zoom the time axis, then reset.
    const minimap = page.getByRole('slider', { name: /Trace minimap/ });
    const box = (await minimap.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const reset = page.getByRole('button', { name: 'Reset zoom' });
    await expect(reset).toBeVisible();
    await reset.click();
    await expect(reset).toBeHidden();

    // Search within the trace (matched on the server, over tags too).
    await page.keyboard.press('Escape');
    await page.keyboard.press('/');
    await page.keyboard.type('upstream_cluster=inbound');
    await expect(page.getByText(/of \d+ matches/)).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByText(/^1 of \d+ matches$/)).toBeVisible();

    // Collapse all, expand all (keyboard), critical path overlay, and the graph link.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Escape');
    await page.keyboard.press(']');
    await expect(tree.getByRole('treeitem')).toHaveCount(1);
    await page.keyboard.press('[');
    await expect(ratings).toBeVisible();
    await page.getByRole('switch', { name: 'Critical path' }).click();
    await expect(page.getByRole('switch', { name: 'Critical path' })).toBeChecked();
    await expect(page.getByRole('link', { name: 'Show on graph' })).toHaveAttribute(
      'href',
      /\/graph\?namespaces=bookinfo&trace=[0-9a-f]{32}/,
    );

    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    await ratings.click();
    await expect(page.getByRole('complementary', { name: 'Span detail' })).toBeVisible();
    await snap('trace-bookinfo-dark');
    await page.goto('/traces?service=productpage.bookinfo');
    await expect(results.getByRole('listitem').first()).toBeVisible({ timeout: 30_000 });
    await snap('traces-search-dark');
    await page.getByRole('button', { name: 'Switch to light mode' }).click();
  });

  test('the trace path for the graph, and clear errors for bad IDs', async ({ page, request }) => {
    const found = await request.get('/api/traces?service=reviews.bookinfo&lookback=15m&limit=5');
    expect(found.ok()).toBe(true);
    const { traces, api } = await found.json();
    expect(api).toBe('api_v3');
    expect(traces.length).toBeGreaterThan(0);
    const path = await (await request.get(`/api/traces/${traces[0].traceId}/path`)).json();
    expect(path.hops[0]).toMatchObject({
      source: { app: 'istio-ingressgateway', namespace: 'istio-system' },
      target: { app: 'productpage', namespace: 'bookinfo', version: 'v1' },
    });

    const bad = await request.get('/api/traces/not-hex');
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.message).toMatch(/traceId: must be a hex trace ID/);
    const missing = await request.get('/api/traces/0123456789abcdef0123456789abcdef');
    expect(missing.status()).toBe(404);
    const badDuration = await request.get('/api/traces?service=x&minDuration=1000');
    expect(badDuration.status()).toBe(400);

    await page.goto('/traces/0123456789abcdef0123456789abcdef');
    await expect(
      page.getByText(/Trace 0123456789abcdef0123456789abcdef was not found/),
    ).toBeVisible();
  });
});
