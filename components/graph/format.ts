/** Number formatting shared by labels, panels and the summary (pure). */

/** Requests per second with 2 significant decimals, as Kiali shows them. */
export function formatRps(v: number): string {
  if (v === 0) return '0';
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

/** Bytes per second, binary-free SI units (what network dashboards use). */
export function formatBytesRate(v: number): string {
  const units = ['B/s', 'kB/s', 'MB/s', 'GB/s'];
  let i = 0;
  let x = v;
  while (x >= 1000 && i < units.length - 1) {
    x /= 1000;
    i++;
  }
  return `${x >= 100 || i === 0 ? x.toFixed(0) : x.toFixed(1)} ${units[i]}`;
}

/** Milliseconds, switching to seconds past one second. */
export function formatMs(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  if (v >= 10) return `${v.toFixed(0)} ms`;
  return `${v.toFixed(1)} ms`;
}

/** A 0..100 percentage with one decimal. */
export function formatPercent(v: number): string {
  return `${v.toFixed(v > 0 && v < 0.1 ? 2 : 1)}%`;
}

/**
 * A wall-clock time, 24-hour: replay positions step by 10 s, and "02:15:29 AM" would not fit the
 * replay bar's fixed-width readout without wrapping.
 */
export function formatClock(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}

/** A window length in seconds as users say it: 60 → "1m", 5400 → "90m", 86400 → "1d". */
export function formatWindow(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
