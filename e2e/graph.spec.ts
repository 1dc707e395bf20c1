import { expect, test } from './fixtures';
import { elementList, openBookinfo, pick } from './graph-page';

test.describe('graph page', () => {
  test('renders the Bookinfo graph with its nodes', async ({ page, snap }) => {
    await openBookinfo(page);
    const list = elementList(page);
    for (const name of [
      'productpage v1',
      'details v1',
      'reviews v1',
      'reviews v2',
      'reviews v3',
      'ratings v1',
      'reviews',
    ]) {
      await expect(list.getByRole('button', { name, exact: true })).toBeVisible();
    }
    await expect(list.getByRole('button', { name: /^istio-ingressgateway/ }).first()).toBeVisible();
    // The canvas holds the same nodes.
    const count = await page.evaluate(() => window.__meshscopeGraph?.cy.nodes().length ?? 0);
    expect(count).toBeGreaterThanOrEqual(10);
    await expect(page.getByRole('region', { name: 'Graph summary' })).toContainText('requests/s');
    await page.waitForTimeout(1500);
    await snap('graph-bookinfo-light');
    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    await page.waitForTimeout(1000);
    await snap('graph-bookinfo-dark');
    await page.getByRole('button', { name: 'Switch to light mode' }).click();
  });

  test('selecting productpage → reviews shows its rate and the split across versions', async ({
    page,
    snap,
  }) => {
    await openBookinfo(page);
    await elementList(page).getByRole('button', { name: 'productpage v1 → reviews' }).click();
    const panel = page.getByRole('region', { name: 'Edge productpage v1 → reviews' });
    await expect(panel).toBeVisible();
    await expect(page).toHaveURL(/selected=/);
    const rps = Number(
      await panel.getByText('requests/s').locator('xpath=preceding-sibling::div').innerText(),
    );
    expect(rps).toBeGreaterThan(0);
    const split = panel.getByRole('group', { name: 'Split across versions' });
    for (const v of ['v1', 'v2', 'v3'])
      await expect(
        split.getByRole('button', { name: new RegExp(`^${v}: [0-9.]+ rps, [0-9.]+%$`) }),
      ).toBeVisible();
    // The cytoscape edge is selected too.
    const selected = await page.evaluate(
      () => window.__meshscopeGraph?.cy.$('edge:selected').length,
    );
    expect(selected).toBe(1);
    await snap('graph-edge-selected');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('region', { name: 'Graph summary' })).toBeVisible();
  });

  test('the traffic animation toggles', async ({ page }) => {
    await openBookinfo(page);
    const toggle = page.getByRole('switch', { name: 'Traffic animation' });
    await expect(toggle).toBeChecked();
    const spawned = () => page.evaluate(() => window.__meshscopeGraph?.traffic().spawned ?? 0);
    const a = await spawned();
    // Poll rather than sample once: on a loaded machine the first frames can take a while.
    await expect.poll(spawned, { timeout: 10_000 }).toBeGreaterThan(a);
    await toggle.click();
    await expect(toggle).not.toBeChecked();
    await expect(page).toHaveURL(/animation=0/);
    const b = await spawned();
    await page.waitForTimeout(1000);
    expect(await spawned()).toBe(b);
  });

  test('asks for quantiles and throughput only when the edge labels show them', async ({
    page,
  }) => {
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/namespaces/graph?')) asked.push(r.url());
    });
    await openBookinfo(page);
    expect(asked.at(-1)).toContain('responseTime=none&throughput=false');
    await pick(page, 'Edge labels', 'Throughput');
    await expect.poll(() => asked.at(-1)).toContain('responseTime=none&throughput=true');
    // The edge labels then show bytes per second, from the graph that carried them.
    await expect
      .poll(() =>
        page.evaluate(() =>
          window.__meshscopeGraph?.cy
            .edges()
            .map((e) => String(e.data('label')))
            .some((l) => /B\/s$/.test(l)),
        ),
      )
      .toBe(true);
    await pick(page, 'Edge labels', 'Response time (p95)');
    await expect.poll(() => asked.at(-1)).toContain('responseTime=p95&throughput=false');
  });

  test('the URL round-trips the view state and Kiali links redirect', async ({ page }) => {
    await openBookinfo(page);
    await pick(page, 'Duration', 'Last 5m');
    await pick(page, 'Edge labels', 'Response time (p95)');
    await page.getByRole('switch', { name: 'mTLS locks' }).click();
    await page.getByRole('textbox', { name: 'Find' }).fill('rps > 0.5');
    await page.getByRole('textbox', { name: 'Find' }).press('Enter');
    await expect(page).toHaveURL(/duration=300/);
    await expect(page).toHaveURL(/edges=rtP95/);
    await expect(page).toHaveURL(/mtls=1/);
    await expect(page).toHaveURL(/find=rps/);
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Duration' })).toHaveValue('Last 5m');
    await expect(page.getByRole('combobox', { name: 'Edge labels' })).toHaveValue(
      'Response time (p95)',
    );
    await expect(page.getByRole('switch', { name: 'mTLS locks' })).toBeChecked();
    await expect(page.getByRole('textbox', { name: 'Find' })).toHaveValue('rps > 0.5');

    // A bad Find expression says what is wrong and changes nothing else.
    await page.getByRole('textbox', { name: 'Find' }).fill('rps >');
    await page.getByRole('textbox', { name: 'Find' }).press('Enter');
    await expect(page.getByText("Expected a value after 'rps >'")).toBeVisible();

    await page.goto(
      '/console/graph/namespaces?namespaces=bookinfo&graphType=app&duration=600&refresh=15000',
    );
    await expect(page).toHaveURL(
      /\/graph\?namespaces=bookinfo&graphType=app&duration=600&refresh=15000$/,
    );
    await expect(page.getByRole('combobox', { name: 'Graph type' })).toHaveValue('App graph');
    await expect(page.getByRole('combobox', { name: 'Duration' })).toHaveValue('Last 10m');
    await expect(
      elementList(page).getByRole('button', { name: 'productpage → reviews' }),
    ).toBeVisible({
      timeout: 30_000,
    });
  });
});
