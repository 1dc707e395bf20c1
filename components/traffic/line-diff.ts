/**
 * A small line diff for the "what will change" preview: longest common subsequence over lines
 * (YAML of one route is tens of lines, so O(n·m) is nothing), then unchanged runs far from any
 * change are folded so the modal shows the change, not the whole object.
 */

export interface DiffLine {
  kind: 'same' | 'add' | 'del' | 'fold';
  text: string;
}

export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i..] and b[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i++] });
      j++;
    } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      // Deletions first on ties, so a changed line reads as "- old" then "+ new".
      out.push({ kind: 'del', text: a[i++] });
    } else {
      out.push({ kind: 'add', text: b[j++] });
    }
  }
  return out;
}

/** Keeps `context` unchanged lines around each change; longer unchanged runs become one fold. */
export function foldUnchanged(lines: DiffLine[], context = 3): DiffLine[] {
  const near = lines.map(() => false);
  lines.forEach((l, idx) => {
    if (l.kind === 'same') return;
    for (let k = Math.max(0, idx - context); k <= Math.min(lines.length - 1, idx + context); k++)
      near[k] = true;
  });
  const out: DiffLine[] = [];
  let hidden = 0;
  const flush = () => {
    if (hidden > 0)
      out.push({ kind: 'fold', text: `… ${hidden} unchanged line${hidden > 1 ? 's' : ''}` });
    hidden = 0;
  };
  lines.forEach((l, idx) => {
    if (l.kind === 'same' && !near[idx]) hidden++;
    else {
      flush();
      out.push(l);
    }
  });
  flush();
  return out;
}

/** True when the diff has any change at all. */
export function hasChanges(lines: DiffLine[]): boolean {
  return lines.some((l) => l.kind === 'add' || l.kind === 'del');
}

function splitLines(s: string): string[] {
  if (s === '') return [];
  return s.replace(/\n$/, '').split('\n');
}
