import { readFile } from 'node:fs/promises';

import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { applyExpression, drawnNodes, elementList, exportAs, openBookinfo } from './graph-page';

const GRAPH_API = '**/api/namespaces/graph?*';

/** Names of the drawn nodes that carry a class (`found`, `dimmed`), sorted. */
async function namesWithClass(page: Page, cls: string): Promise<string[]> {
  return (await drawnNodes(page))
    .filter((n) => n.classes.includes(cls))
    .map((n) => n.name)
    .sort();
}

/** The URL's replay position (unix s), or undefined when live. */
function queryTimeOf(page: Page): number | undefined {
  const v = new URL(page.url()).searchParams.get('queryTime');
  return v === null ? undefined : Number(v);
}

test.describe('graph page, more', () => {
  test('Find emphasises matching nodes and Hide leaves them out', async ({ page, snap }) => {
    await openBookinfo(page);
    await applyExpression(page, 'Find', 'app = reviews AND version = v2');
    await expect(page).toHaveURL(/find=app/);
    await expect.poll(() => namesWithClass(page, 'found')).toEqual(['reviews v2']);
    expect(await namesWithClass(page, 'dimmed')).toContain('productpage v1');

    // `app = ratings` finds the ratings service node as well as the app.
    await applyExpression(page, 'Find', 'version = v1 OR app = ratings');
    await expect
      .poll(() => namesWithClass(page, 'found'))
      .toEqual(['details v1', 'productpage v1', 'ratings', 'ratings v1', 'reviews v1']);
    await snap('graph-find');

    await applyExpression(page, 'Find', '');
    await applyExpression(page, 'Hide', 'app = ratings');
    await expect(page).toHaveURL(/hide=app/);
    await expect
      .poll(async () => (await drawnNodes(page)).map((n) => n.name))
      .not.toContain('ratings v1');
    // The node takes its edges with it, on the canvas and in the accessible element list.
    const edgesToRatings = await page.evaluate(
      () =>
        window.__meshscopeGraph?.cy
          .edges()
          .filter((e) => String(e.target().data('label')).startsWith('ratings v1')).length,
    );
    expect(edgesToRatings).toBe(0);
    await expect(
      elementList(page).getByRole('button', { name: 'ratings v1', exact: true }),
    ).toHaveCount(0);
    expect((await drawnNodes(page)).map((n) => n.name)).toContain('reviews v2');
    await snap('graph-hide');

    // Escape in the box clears the expression and the node comes back.
    await page.getByRole('textbox', { name: 'Hide' }).press('Escape');
    await expect(page).not.toHaveURL(/hide=/);
    await expect
      .poll(async () => (await drawnNodes(page)).map((n) => n.name))
      .toContain('ratings v1');
  });

  test('export downloads a real PNG and an SVG naming the nodes', async ({ page }) => {
    await openBookinfo(page);

    const png = await exportAs(page, 'PNG image');
    expect(png.suggestedFilename()).toBe('meshscope-bookinfo-versionedApp.png');
    const pngBytes = await readFile(await png.path());
    expect(pngBytes.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    // Decode it in the browser: a drawn graph, not a blank canvas of the background colour.
    const image = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 0; i < px.length; i += 4)
        if (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200) ink++;
      return { w: img.width, h: img.height, ink };
    }, pngBytes.toString('base64'));
    expect(image.w).toBeGreaterThan(300);
    expect(image.h).toBeGreaterThan(150);
    expect(image.ink).toBeGreaterThan(2000);

    const svg = await exportAs(page, 'SVG drawing');
    expect(svg.suggestedFilename()).toBe('meshscope-bookinfo-versionedApp.svg');
    const text = await readFile(await svg.path(), 'utf8');
    expect(text).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const name of ['productpage v1', 'reviews v1', 'reviews v2', 'reviews v3', 'ratings v1'])
      expect(text).toContain(name);
    // The browser parses it as SVG without errors.
    const parsed = await page.evaluate((s) => {
      const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        texts: doc.querySelectorAll('text').length,
      };
    }, text);
    expect(parsed.error).toBeNull();
    expect(parsed.texts).toBeGreaterThanOrEqual(10);
  });

  test('a dragged node stays where it was dropped after a reload', async ({ page }) => {
    await openBookinfo(page, '&refresh=0');
    const box = (await page.getByTestId('cy-graph').boundingBox())!;
    const before = await page.evaluate(() => {
      const cy = window.__meshscopeGraph!.cy;
      const n = cy.nodes().filter((x) => String(x.data('label')).startsWith('details v1'))[0];
      return { id: n.id(), rendered: n.renderedPosition(), model: n.position(), zoom: cy.zoom() };
    });
    const from = { x: box.x + before.rendered.x, y: box.y + before.rendered.y };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 5; i++) await page.mouse.move(from.x + i * 24, from.y + i * 16);
    await page.mouse.up();
    const dropped = await page.evaluate(
      (id) => window.__meshscopeGraph!.cy.getElementById(id).position(),
      before.id,
    );
    // 120 × 80 screen pixels at the current zoom.
    expect(dropped.x - before.model.x).toBeCloseTo(120 / before.zoom, 0);
    expect(dropped.y - before.model.y).toBeCloseTo(80 / before.zoom, 0);

    await page.reload();
    await expect(
      elementList(page).getByRole('button', { name: 'details v1', exact: true }),
    ).toBeVisible({
      timeout: 30_000,
    });
    await expect
      .poll(() =>
        page.evaluate((id) => {
          const n = window.__meshscopeGraph?.cy.getElementById(id);
          return n?.nonempty() ? n.position() : null;
        }, before.id),
      )
      .toEqual(dropped);
    // "Re-layout" keeps the pin too: pins beat the layout until they are cleared.
    await page.getByRole('button', { name: 'Re-layout' }).click();
    const after = await page.evaluate(
      (id) => window.__meshscopeGraph!.cy.getElementById(id).position(),
      before.id,
    );
    expect(after).toEqual(dropped);
  });

  test('a failed refresh shows a banner and keeps the last good graph', async ({ page, snap }) => {
    await openBookinfo(page, '&refresh=0');
    const drawn = (await drawnNodes(page)).length;
    expect(drawn).toBeGreaterThanOrEqual(10);
    await page.route(GRAPH_API, (route) =>
      route.fulfill({
        status: 503,
        json: {
          error: {
            code: 'upstream_unavailable',
            upstream: 'prometheus',
            message: 'connect ECONNREFUSED 127.0.0.1:9090',
          },
        },
      }),
    );
    await page.getByRole('button', { name: 'Refresh now' }).click();
    const banner = page.getByRole('alert').filter({ hasText: 'Graph refresh failed' });
    await expect(banner).toContainText(
      'Prometheus is unreachable: connect ECONNREFUSED 127.0.0.1:9090 — showing the last good graph.',
    );
    expect((await drawnNodes(page)).length).toBe(drawn);
    await expect(
      elementList(page).getByRole('button', { name: 'productpage v1', exact: true }),
    ).toBeVisible();
    await snap('graph-refresh-failed');

    // When the API answers again the banner goes away by itself.
    await page.unroute(GRAPH_API);
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect(banner).toHaveCount(0);
  });

  test('a namespace without traffic says so and offers a way out', async ({ page, snap }) => {
    await page.goto('/graph?namespaces=default&refresh=0');
    const empty = page.getByRole('heading', { name: 'No traffic in default in the last 1m' });
    await expect(empty).toBeVisible({ timeout: 30_000 });
    expect((await drawnNodes(page)).length).toBe(0);
    await snap('graph-empty');
    await page.getByRole('button', { name: 'last 10m' }).click();
    await expect(page).toHaveURL(/duration=600/);
    await expect(
      page.getByRole('heading', { name: 'No traffic in default in the last 10m' }),
    ).toBeVisible();
    // The next offer widens further rather than repeating the window already shown.
    await expect(page.getByRole('button', { name: 'last 1h' })).toBeVisible();
  });

  test('Hide that removes everything says so and offers to clear it', async ({ page }) => {
    await openBookinfo(page, '&refresh=0');
    await applyExpression(page, 'Hide', 'rps >= 0');
    await expect(page.getByRole('heading', { name: 'Hide leaves nothing to draw' })).toBeVisible();
    await expect(page.getByText('Every node in bookinfo matches rps >= 0')).toBeVisible();
    await page.getByRole('button', { name: 'Clear Hide' }).click();
    await expect(page).not.toHaveURL(/hide=/);
    await expect.poll(async () => (await drawnNodes(page)).length).toBeGreaterThanOrEqual(10);
  });

  test('replay plays the graph through a past window', async ({ page, snap }) => {
    await openBookinfo(page);
    const replay = page.getByRole('group', { name: 'Replay' });
    const requested: number[] = [];
    page.on('request', (r) => {
      const qt = new URL(r.url()).searchParams.get('queryTime');
      if (r.url().includes('/api/namespaces/graph') && qt) requested.push(Number(qt));
    });
    const clicked = Math.floor(Date.now() / 1000);
    await replay.getByRole('button', { name: '5 min' }).click();
    await expect(page).toHaveURL(/queryTime=\d+/);
    const first = queryTimeOf(page)!;
    expect(Math.abs(first - (clicked - 300))).toBeLessThanOrEqual(5);
    // Playing moves the window forward in 10 s steps, each one a graph query at that time.
    await expect
      .poll(() => queryTimeOf(page), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(first + 20);
    expect(requested).toContain(first + 10);
    await replay.getByRole('button', { name: 'Pause replay' }).click();
    const paused = queryTimeOf(page)!;
    await page.waitForTimeout(2000);
    expect(queryTimeOf(page)).toBe(paused);

    // The slider scrubs; End jumps to the end of the window, where the demo had traffic.
    const slider = replay.getByRole('slider', { name: 'Replay position' });
    await slider.focus();
    await page.keyboard.press('End');
    await expect.poll(() => queryTimeOf(page)).toBeGreaterThanOrEqual(clicked - 5);
    await expect(
      elementList(page).getByRole('button', { name: 'productpage v1', exact: true }),
    ).toBeVisible();
    await snap('graph-replay');

    await replay.getByRole('button', { name: 'Live' }).click();
    await expect(page).not.toHaveURL(/queryTime=/);
    await expect(replay.getByRole('button', { name: '5 min' })).toBeVisible();

    // Half an hour ago this fresh demo did not exist: the empty state names the replayed
    // minute, not "the last 1m", and offers the way back to live.
    await replay.getByRole('button', { name: '30 min' }).click();
    await expect(
      page.getByRole('heading', {
        name: /^No traffic in bookinfo in the 1m before \d\d:\d\d:\d\d$/,
      }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'the live graph' }).click();
    await expect(page).not.toHaveURL(/queryTime=/);
    await expect(
      elementList(page).getByRole('button', { name: 'productpage v1', exact: true }),
    ).toBeVisible();
  });

  test('the side panel resizes by drag and keyboard and keeps its width', async ({
    page,
    snap,
  }) => {
    await openBookinfo(page, '&refresh=0');
    const handle = page.getByRole('separator', { name: 'Resize details panel' });
    const panel = page.getByRole('complementary', { name: 'Details' });
    const panelWidth = async () => Math.round((await panel.boundingBox())!.width);
    await expect(handle).toHaveAttribute('aria-valuenow', '380');
    expect(await panelWidth()).toBe(380);

    // The arrows move the divider: left widens the right-hand panel.
    await handle.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(handle).toHaveAttribute('aria-valuenow', '412');
    expect(await panelWidth()).toBe(412);
    await page.keyboard.press('Home');
    await expect(handle).toHaveAttribute('aria-valuenow', '280');

    // Drag the divider 200 px to the left.
    const hb = (await handle.boundingBox())!;
    const x = hb.x + hb.width / 2;
    const y = hb.y + hb.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 4; i++) await page.mouse.move(x - i * 50, y);
    await page.mouse.up();
    await expect(handle).toHaveAttribute('aria-valuenow', '480');
    expect(await panelWidth()).toBe(480);
    // The graph follows: cytoscape's viewport is the rest of the row.
    const cyWidth = await page.evaluate(() => window.__meshscopeGraph!.cy.width());
    expect(cyWidth).toBe(Math.round((await page.getByTestId('cy-graph').boundingBox())!.width));
    await snap('graph-panel-wide');

    await page.reload();
    await expect(handle).toHaveAttribute('aria-valuenow', '480');
    expect(await panelWidth()).toBe(480);
  });
});
