/**
 * Go's `strconv` and RFC 3339 parsing, reproduced closely enough that the demo store's 400
 * messages read exactly like Jaeger's (which are Go error strings, e.g.
 * `strconv.ParseInt: parsing "x": invalid syntax`). Clients match on these texts, so a
 * look-alike is not enough.
 */

/** Go's `%q`-style quoting for the ASCII cases these parsers meet. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function syntaxError(fn: string, s: string): Error {
  return new Error(`strconv.${fn}: parsing ${goQuote(s)}: invalid syntax`);
}

function rangeError(fn: string, s: string): Error {
  return new Error(`strconv.${fn}: parsing ${goQuote(s)}: value out of range`);
}

/**
 * `strconv.ParseInt(s, 10, bitSize)` (or `strconv.Atoi` when `fn` says so). Returns a JS number;
 * values beyond 2^53 lose precision, which no caller here cares about (µs timestamps fit).
 */
export function parseGoInt(s: string, bitSize: 32 | 64, fn = 'ParseInt'): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw syntaxError(fn, s);
  const v = BigInt(s);
  const max = (1n << BigInt(bitSize - 1)) - 1n;
  const min = -(1n << BigInt(bitSize - 1));
  if (v > max || v < min) throw rangeError(fn, s);
  return Number(v);
}

/** `strconv.ParseUint(s, 10, bitSize)`. */
export function parseGoUint(s: string, bitSize: 32 | 64): number {
  if (!/^[0-9]+$/.test(s)) throw syntaxError('ParseUint', s);
  const v = BigInt(s);
  if (v > (1n << BigInt(bitSize)) - 1n) throw rangeError('ParseUint', s);
  return Number(v);
}

/** `strconv.ParseBool`: 1, t, T, TRUE, true, True and their false counterparts. */
export function parseGoBool(s: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  throw syntaxError('ParseBool', s);
}

const RFC3339_NANO = '2006-01-02T15:04:05.999999999Z07:00';
const RFC3339_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Go's `time.Parse(time.RFC3339Nano, s)`: an upper-case `T` and `Z` or a `±hh:mm` offset, an
 * optional fraction of up to nine digits. Returns nanoseconds since the epoch as a BigInt, so
 * `2026-01-01T00:00:00.000000001Z` keeps its last nanosecond.
 */
export function parseRfc3339Nano(s: string): bigint {
  const m = RFC3339_RE.exec(s);
  const fail = (why: string) =>
    new Error(`parsing time ${goQuote(s)} as ${goQuote(RFC3339_NANO)}: ${why}`);
  if (!m) throw fail(`cannot parse ${goQuote(s)} as RFC 3339`);
  const [, y, mo, d, h, mi, sec, frac = '', zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (month < 1 || month > 12) throw fail('month out of range');
  if (day < 1 || day > daysInMonth) throw fail('day out of range');
  if (Number(h) > 23) throw fail('hour out of range');
  if (Number(mi) > 59) throw fail('minute out of range');
  if (Number(sec) > 59) throw fail('second out of range');
  let offsetMin = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [zh, zm] = zone.slice(1).split(':').map(Number);
    if (zh > 23 || zm > 59) throw fail('time zone offset out of range');
    offsetMin = sign * (zh * 60 + zm);
  }
  const ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(sec));
  const ns = BigInt(frac.padEnd(9, '0') || '0');
  return (BigInt(ms) - BigInt(offsetMin) * 60_000n) * 1_000_000n + ns;
}
