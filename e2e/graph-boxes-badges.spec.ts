import { readFile, writeFile } from 'node:fs/promises';

import { expect, test } from './fixtures';
import { elementList, exportAs, openBookinfo } from './graph-page';

// Boxes and badges on the Bookinfo graph (the rest of the page: graph.spec.ts, graph-more.spec.ts).
test.describe('graph page, boxes and badges', () => {
  test('boxes group nodes by namespace and app without breaking selection, animation or export', async ({
    page,
    snap,
  }) => {
    await openBookinfo(page);
    const leaves = () =>
      page.evaluate(() => window.__meshscopeGraph!.cy.nodes(':childless').length);
    const before = await leaves();
    await page.getByRole('switch', { name: 'Namespace boxes' }).click();
    await page.getByRole('switch', { name: 'App boxes' }).click();
    await expect(page).toHaveURL(/boxBy=namespace%2Capp|boxBy=namespace,app/);
    const parentOf = (label: string) =>
      page.evaluate(
        (l) =>
          window.__meshscopeGraph?.cy
            .nodes()
            .filter((n) => n.data('label') === l)[0]
            ?.data('parent') as string | undefined,
        label,
      );
    await expect.poll(() => parentOf('reviews v2')).toBe('box:app:bookinfo/reviews');
    expect(await parentOf('reviews')).toBe('box:ns:bookinfo');
    expect(await leaves()).toBe(before);
    await page.waitForTimeout(800);
    await snap('graph-boxes-light');

    // A click on the box frame (its padding, away from the nodes) selects the box.
    const clickAppBox = async () => {
      const box = (await page.getByTestId('cy-graph').boundingBox())!;
      const frame = await page.evaluate(() =>
        window
          .__meshscopeGraph!.cy.getElementById('box:app:bookinfo/reviews')
          .renderedBoundingBox({}),
      );
      await page.mouse.click(box.x + frame.x1 + 5, box.y + frame.y2 - 5);
    };
    await clickAppBox();
    const panel = page.getByRole('region', { name: 'Box App reviews' });
    await expect(panel).toBeVisible();
    await expect(page).toHaveURL(/selected=box/);
    const inRps = Number(
      await panel
        .getByText('in rps', { exact: true })
        .locator('xpath=preceding-sibling::div')
        .innerText(),
    );
    expect(inRps).toBeGreaterThan(0);
    await snap('graph-box-selected');
    await panel
      .getByRole('group', { name: 'Nodes in the box' })
      .getByRole('button', { name: /^reviews v1/ })
      .click();
    await expect(page.getByRole('region', { name: 'Node reviews v1' })).toBeVisible();

    // The animation still runs over the boxed graph, and the export draws the boxes.
    const spawned = () => page.evaluate(() => window.__meshscopeGraph!.traffic().spawned);
    const a = await spawned();
    await expect.poll(spawned).toBeGreaterThan(a);
    const svg = await exportAs(page, 'SVG drawing');
    const text = await readFile(await svg.path(), 'utf8');
    expect(text).toContain('>bookinfo</tspan>');
    expect(text).toContain('>reviews v2</tspan>');

    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    await page.waitForTimeout(800);
    await snap('graph-boxes-dark');
    await page.getByRole('button', { name: 'Switch to light mode' }).click();

    // A fresh layout with boxes on (a reload keeps boxBy): the namespace boxes do not overlap.
    await page.reload();
    await expect
      .poll(() => parentOf('reviews v2'), { timeout: 30_000 })
      .toBe('box:app:bookinfo/reviews');
    const overlap = await page.evaluate(() => {
      const cy = window.__meshscopeGraph!.cy;
      const a = cy.getElementById('box:ns:bookinfo').boundingBox({});
      const b = cy.getElementById('box:ns:istio-system').boundingBox({});
      return (
        Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1)) *
        Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1))
      );
    });
    expect(overlap).toBe(0);
    await page.waitForTimeout(500);
    await snap('graph-boxes-relayout');

    // Boxes off, two quick clicks: the nodes stay, unparented, and the selected box goes too.
    await clickAppBox();
    await expect(page).toHaveURL(/selected=box%3Aapp/);
    await page.getByRole('switch', { name: 'Namespace boxes' }).click();
    await page.getByRole('switch', { name: 'App boxes' }).click();
    await expect(page).not.toHaveURL(/boxBy=/);
    await expect(page).not.toHaveURL(/selected=/);
    await expect
      .poll(() => page.evaluate(() => window.__meshscopeGraph!.cy.nodes(':parent').length))
      .toBe(0);
    expect(await leaves()).toBe(before);
    expect(await parentOf('reviews v2')).toBeUndefined();
  });

  test('badges are icons above the node, explained in the legend, and switch off', async ({
    page,
    kubectl,
    snap,
  }, testInfo) => {
    // A VirtualService with a timeout and no subsets: two badges on the reviews service node,
    // and the traffic split the later specs measure stays as seeded.
    const manifest = testInfo.outputPath('badges-vs.yaml');
    await writeFile(
      manifest,
      [
        'apiVersion: networking.istio.io/v1',
        'kind: VirtualService',
        'metadata: { name: e2e-badges, namespace: bookinfo }',
        'spec:',
        '  hosts: [reviews]',
        '  http:',
        '    - timeout: 30s',
        '      route: [{ destination: { host: reviews } }]',
        '',
      ].join('\n'),
    );
    await kubectl('apply', '-f', manifest);
    try {
      await openBookinfo(page);
      const iconsOf = (label: string) =>
        page.evaluate(
          (l) =>
            String(
              window
                .__meshscopeGraph!.cy.nodes()
                .filter((n) => n.data('label') === l)[0]
                ?.data('badgeIcons') ?? '',
            ),
          label,
        );
      await expect
        .poll(() => iconsOf('reviews'), { timeout: 30_000 })
        .toMatch(/^data:image\/svg\+xml/);
      // Two chips (VirtualService, timeout), decodable as an image the canvas can draw.
      const size = await page.evaluate(
        async (uri) => {
          const img = new Image();
          img.src = uri;
          await img.decode();
          return { w: img.width, h: img.height };
        },
        await iconsOf('reviews'),
      );
      expect(size).toEqual({ w: 30, h: 14 });
      const legend = page.getByRole('region', { name: 'Legend' });
      await expect(legend.getByText('Request timeout')).toBeVisible();
      await expect(legend.getByText('Missing sidecar')).toBeVisible();
      // The panel says in words what the icons mean; the SVG export draws them too.
      await elementList(page).getByRole('button', { name: 'reviews', exact: true }).click();
      const badges = page
        .getByRole('region', { name: /^Node reviews/ })
        .getByRole('list', { name: 'Badges' });
      await expect(badges.getByRole('listitem')).toHaveText(['VirtualService', 'Request timeout']);
      await page.waitForTimeout(500);
      await snap('graph-badges');
      const svg = await readFile(await (await exportAs(page, 'SVG drawing')).path(), 'utf8');
      expect(svg).toContain('<image href="data:image/svg+xml');
      await page.keyboard.press('Escape');

      await page.getByRole('switch', { name: 'Badges' }).click();
      await expect(page).toHaveURL(/badges=0/);
      await expect.poll(() => iconsOf('reviews')).toBe('');
    } finally {
      await kubectl('delete', 'virtualservice', 'e2e-badges', '-n', 'bookinfo');
    }
  });
});
