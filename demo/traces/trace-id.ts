import { goQuote } from './go-strconv';

/**
 * Jaeger's trace-ID rules (model `TraceIDFromString`): up to 32 hex digits, read as a 128-bit
 * number, so `00ab` and `ab` name the same trace. The store keys traces by the 32-digit,
 * zero-padded, lower-case form.
 */
export function parseTraceId(s: string): string {
  if (s.length > 32) throw new Error(`TraceID cannot be longer than 32 hex characters: ${s}`);
  // Go parses the high and low halves separately with ParseUint(…, 16, 64); report the half
  // that fails, as Go does.
  const hiLen = Math.max(0, s.length - 16);
  for (const part of hiLen > 0 ? [s.slice(0, hiLen), s.slice(hiLen)] : [s]) {
    if (!/^[0-9a-fA-F]+$/.test(part)) {
      throw new Error(`strconv.ParseUint: parsing ${goQuote(part)}: invalid syntax`);
    }
  }
  return s.toLowerCase().padStart(32, '0');
}

/** A span ID in Jaeger's form: 16 lower-case hex digits. Throws on anything else. */
export function normalizeSpanId(s: string): string {
  if (!/^[0-9a-fA-F]{1,16}$/.test(s)) throw new Error(`invalid span ID ${goQuote(s)}`);
  return s.toLowerCase().padStart(16, '0');
}

/**
 * The classic API prints a trace ID whose high 64 bits are zero with 16 digits (Jaeger's
 * `TraceID.String()`); api_v3 always prints 32.
 */
export function classicTraceId(id32: string): string {
  return id32.startsWith('0000000000000000') ? id32.slice(16) : id32;
}
