/**
 * Pure slider maths for the traffic editor. Weights are integers 0–100 whose sum stays 100:
 * moving one slider takes from (or gives to) the other unlocked sliders in proportion to their
 * current weights, so a 75/20/5 split keeps its shape when the first slider moves. Locked
 * sliders never change. Rounding uses largest remainders, so the sum is exact.
 */

export type Weights = Record<string, number>;

/** Sum of the given subsets' weights (all subsets when `names` is omitted). */
export function sumWeights(weights: Weights, names: readonly string[] = Object.keys(weights)) {
  return names.reduce((acc, n) => acc + (weights[n] ?? 0), 0);
}

/**
 * The highest value slider `name` can take: 100 minus the locked others; when no other slider
 * is free it cannot move at all (its value is pinned to the rest).
 */
export function maxFor(
  order: readonly string[],
  weights: Weights,
  locked: ReadonlySet<string>,
  name: string,
) {
  const lockedOthers = order.filter((n) => n !== name && locked.has(n));
  return Math.max(0, 100 - sumWeights(weights, lockedOthers));
}

/**
 * Sets `name` to `value` and rebalances the other unlocked subsets so the total is 100.
 * `order` lists every subset (absent weights count as 0). Returns a new object.
 */
export function rebalance(
  order: readonly string[],
  weights: Weights,
  locked: ReadonlySet<string>,
  name: string,
  value: number,
): Weights {
  const current = normalise(order, weights);
  const free = order.filter((n) => n !== name && !locked.has(n));
  const lockedSum = sumWeights(
    current,
    order.filter((n) => n !== name && locked.has(n)),
  );
  const budget = Math.max(0, 100 - lockedSum);
  // With nothing free to absorb the change, the moved slider is pinned to what is left.
  const target = free.length === 0 ? budget : clampInt(value, 0, budget);
  const next: Weights = { ...current, [name]: target };
  if (free.length === 0) return next;
  const share = distribute(
    free.map((n) => current[n]),
    budget - target,
  );
  free.forEach((n, i) => (next[n] = share[i]));
  return next;
}

/** Splits what the locked subsets leave evenly over the unlocked ones (extra units go first). */
export function splitEvenly(
  order: readonly string[],
  weights: Weights,
  locked: ReadonlySet<string>,
): Weights {
  const current = normalise(order, weights);
  const free = order.filter((n) => !locked.has(n));
  if (free.length === 0) return current;
  const budget = Math.max(
    0,
    100 -
      sumWeights(
        current,
        order.filter((n) => locked.has(n)),
      ),
  );
  const share = distribute(
    free.map(() => 1),
    budget,
  );
  const next = { ...current };
  free.forEach((n, i) => (next[n] = share[i]));
  return next;
}

/** Every subset in `order` gets an integer weight (missing → 0); other keys are dropped. */
export function normalise(order: readonly string[], weights: Weights): Weights {
  return Object.fromEntries(order.map((n) => [n, clampInt(weights[n] ?? 0, 0, 100)]));
}

/** Why a set of weights cannot be applied, or null when it can. Mirrors the server's checks. */
export function weightsProblem(order: readonly string[], weights: Weights): string | null {
  for (const n of order) {
    const w = weights[n] ?? 0;
    if (!Number.isInteger(w)) return `weight for ${n} must be a whole number`;
    if (w < 0 || w > 100) return `weight for ${n} must be between 0 and 100`;
  }
  const total = sumWeights(weights, order);
  return total === 100 ? null : `weights must sum to 100 (now ${total})`;
}

/**
 * Splits `total` units over slots in proportion to `basis` (evenly when the basis is all zero),
 * with largest-remainder rounding so the integers add up to exactly `total`.
 */
export function distribute(basis: readonly number[], total: number): number[] {
  if (basis.length === 0) return [];
  const positive = basis.map((b) => Math.max(0, b));
  const basisSum = positive.reduce((a, b) => a + b, 0);
  const w = basisSum > 0 ? positive : positive.map(() => 1);
  const wSum = basisSum > 0 ? basisSum : w.length;
  const exact = w.map((x) => (x / wSum) * total);
  const floors = exact.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  // Hand out the remaining units to the largest fractional parts, earlier slots win ties.
  const byRemainder = exact
    .map((x, i) => ({ i, r: x - floors[i] }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return floors;
}

function clampInt(v: number, lo: number, hi: number): number {
  if (!Number.isFinite(v)) return lo;
  return Math.min(hi, Math.max(lo, Math.round(v)));
}
