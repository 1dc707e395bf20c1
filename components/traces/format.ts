/**
 * Formatting shared by the traces UI. Jaeger times are microseconds; users read milliseconds and
 * seconds, so durations keep three significant digits and drop trailing zeros.
 */

function sig3(value: number): string {
  if (value >= 100) return String(Math.round(value));
  const digits = value >= 10 ? 1 : 2;
  return String(Number(value.toFixed(digits)));
}

/** µs → `850µs`, `1.23ms`, `12.3ms`, `4.5s`, `2m 5s`, `1h 2m`. */
export function formatDuration(us: number): string {
  if (!Number.isFinite(us)) return '–';
  const abs = Math.abs(us);
  const sign = us < 0 ? '-' : '';
  if (abs < 1_000) return `${sign}${Math.round(abs)}µs`;
  // Rounding to 3 digits can carry into the next unit (999.6µs → 1000µs), so test after rounding.
  if (abs < 999_500) return `${sign}${sig3(abs / 1_000)}ms`;
  if (abs < 59_950_000) return `${sign}${sig3(abs / 1_000_000)}s`;
  const totalS = Math.round(abs / 1_000_000);
  if (totalS < 3_600) return `${sign}${Math.floor(totalS / 60)}m ${totalS % 60}s`;
  const totalM = Math.round(totalS / 60);
  return `${sign}${Math.floor(totalM / 60)}h ${totalM % 60}m`;
}

/** µs since the epoch → local `HH:MM:SS.mmm`. */
export function formatClock(us: number): string {
  const d = new Date(us / 1_000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** µs since the epoch → local `YYYY-MM-DD HH:MM:SS.mmm`. */
export function formatDateTime(us: number): string {
  const d = new Date(us / 1_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClock(us)}`;
}

/** µs since the epoch → `12s ago`, `5m ago`, `3h ago`, relative to `nowMs`. */
export function formatAgo(us: number, nowMs: number): string {
  const s = Math.max(0, Math.round(nowMs / 1_000 - us / 1_000_000));
  if (s < 60) return `${s}s ago`;
  if (s < 3_600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3_600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}

/** `reviews.bookinfo` → `reviews` (the app), for compact labels; other names pass through. */
export function shortService(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** The Jaeger service name Istio gives a workload: `<app>.<namespace>`. */
export function jaegerServiceName(app: string, namespace: string): string {
  return `${app}.${namespace}`;
}
