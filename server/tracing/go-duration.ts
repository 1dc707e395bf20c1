import 'server-only';

const UNIT_US: Record<string, number> = {
  ns: 0.001,
  us: 1,
  µs: 1,
  μs: 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  h: 3_600_000_000,
};

/**
 * Parses a Go duration string (`1.5s`, `100ms`, `1m30s`, `500us`) to µs, as Jaeger's
 * `minDuration`/`maxDuration` expect; undefined when it is not one (a bare number has no unit).
 */
export function parseGoDuration(text: string): number | undefined {
  const s = text.trim();
  if (!s || s === '0') return s === '0' ? 0 : undefined;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let i = 0;
  let total = 0;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_US[m[2]];
    i = re.lastIndex;
  }
  return total;
}
