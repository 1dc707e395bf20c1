import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { generateMesh } from './generated-mesh';

const GRAPH_API = '**/api/namespaces/graph?*';

type Positions = Record<string, { x: number; y: number }>;

function positions(page: Page): Promise<Positions> {
  return page.evaluate(() => {
    const out: Record<string, { x: number; y: number }> = {};
    window.__meshscopeGraph?.cy.nodes().forEach((n) => {
      out[n.id()] = { ...n.position() };
    });
    return out;
  });
}

/**
 * Records every node's position in the first frame that has `count` nodes (window.__placed):
 * the worker's result may land before a poll from the test would see the first placement.
 */
function recordFirstPlacement(page: Page, count: number) {
  return page.addInitScript((n: number) => {
    const w = window as unknown as { __placed?: Record<string, { x: number; y: number }> };
    const poll = () => {
      const cy = window.__meshscopeGraph?.cy;
      if (!cy || cy.nodes().length < n) return void requestAnimationFrame(poll);
      const out: Record<string, { x: number; y: number }> = {};
      cy.nodes().forEach((node) => {
        out[node.id()] = { ...node.position() };
      });
      w.__placed = out;
    };
    requestAnimationFrame(poll);
  }, count);
}

function movedCount(before: Positions, after: Positions): number {
  return Object.keys(before).filter(
    (id) => after[id] && (after[id].x !== before[id].x || after[id].y !== before[id].y),
  ).length;
}

test.describe('graph page, big meshes', () => {
  // Past 300 nodes fcose runs in a Web Worker while the layered placement is shown: the page
  // is drawn at once, and the nodes move when the worker's result arrives.
  test('a 400-node mesh in fcose is drawn at once, then moved to the worker layout and refitted', async ({
    page,
    snap,
  }) => {
    // Served as bookinfo's graph: the page shows a graph only for the namespaces it asked for.
    const mesh = { ...generateMesh(400, 800), namespaces: ['bookinfo'] };
    await page.route(GRAPH_API, (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify(mesh) }),
    );
    await recordFirstPlacement(page, 400);
    await page.goto('/graph?namespaces=bookinfo&refresh=0&animation=0&layout=fcose');
    const placed = (await (
      await page.waitForFunction(
        () => (window as unknown as { __placed?: Positions }).__placed,
        null,
        { timeout: 30_000 },
      )
    ).jsonValue()) as Positions;
    expect(Object.keys(placed)).toHaveLength(400);
    await expect
      .poll(async () => movedCount(placed, await positions(page)), { timeout: 30_000 })
      .toBeGreaterThan(350);
    // The user had not moved the view, so it is refitted to the new positions.
    const inside = await page.evaluate(() => {
      const cy = window.__meshscopeGraph!.cy;
      const e = cy.extent();
      return cy.nodes().filter((n) => {
        const p = n.position();
        return p.x >= e.x1 && p.x <= e.x2 && p.y >= e.y1 && p.y <= e.y2;
      }).length;
    });
    expect(inside).toBe(400);
    await snap('graph-big-fcose');
  });
});
