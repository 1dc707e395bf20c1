/**
 * Parses a protobuf Duration as Istio writes it (`1s`, `0.5s`, `100ms`, `2m`, `1h`, `1m30s`)
 * into milliseconds. Returns undefined for absent input and throws on garbage, so a bad value
 * in applied config is reported instead of silently becoming "no timeout".
 */
export function parseDurationMs(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value)) !== null) {
    const n = Number(m[1]);
    const unit = m[2];
    total +=
      unit === 'h'
        ? n * 3_600_000
        : unit === 'm'
          ? n * 60_000
          : unit === 's'
            ? n * 1000
            : unit === 'ms'
              ? n
              : unit === 'ns'
                ? n / 1e6
                : n / 1000;
    matched = re.lastIndex;
  }
  if (matched !== value.length || matched === 0) {
    throw new Error(`"${value}" is not a duration like 1s, 500ms or 1m30s`);
  }
  return total;
}

/** Istio percentages: `percentage.value` (double) wins over the legacy integer `percent`. */
export function percentOf(
  spec: { percentage?: { value?: number }; percent?: number } | undefined,
  fallback = 100,
): number {
  if (!spec) return fallback;
  if (spec.percentage && typeof spec.percentage.value === 'number') return spec.percentage.value;
  if (typeof spec.percent === 'number') return spec.percent;
  return fallback;
}
