import type { Download, Page } from '@playwright/test';

import { expect } from './fixtures';

/** The accessible path into the canvas graph: the element list in the summary panel. */
export const elementList = (page: Page) => page.getByRole('group', { name: 'Graph elements' });

/** Opens the Bookinfo graph and waits until the demo's traffic has reached it. */
export async function openBookinfo(page: Page, extra = '') {
  await page.goto(`/graph?namespaces=bookinfo&refresh=5000${extra}`);
  // The demo needs a few scrapes before rate() has two samples: wait for real traffic.
  await expect(
    elementList(page).getByRole('button', { name: 'productpage v1 → reviews' }),
  ).toBeVisible({
    timeout: 60_000,
  });
}

/** Picks an option of a Mantine Select by the select's accessible name. */
export async function pick(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Applies a Find or Hide expression the way a user does: type it, press Enter. */
export async function applyExpression(page: Page, which: 'Find' | 'Hide', expr: string) {
  const box = page.getByRole('textbox', { name: which });
  await box.fill(expr);
  await box.press('Enter');
}

/** The nodes cytoscape draws, by first label line (name and version), with their classes. */
export function drawnNodes(page: Page) {
  return page.evaluate(() =>
    (window.__meshscopeGraph?.cy.nodes() ?? []).map((n) => ({
      id: n.id(),
      name: String(n.data('label') ?? '').split('\n')[0],
      classes: n.classes() as string[],
      x: n.position('x'),
      y: n.position('y'),
    })),
  );
}

/** Exports the graph through the toolbar's menu and resolves with the download. */
export async function exportAs(page: Page, item: 'PNG image' | 'SVG drawing'): Promise<Download> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: item }).click();
  return download;
}
