import 'server-only';

/**
 * Parses the tags box (logfmt, as Jaeger UI's search form): `error=true http.url="/a b"`.
 * Returns null with a reason when a pair has no `=` or an unclosed quote.
 */
export function parseLogfmt(input: string): { tags: Record<string, string> } | { error: string } {
  const tags: Record<string, string> = {};
  const re = /\s*([^\s=]+)=(?:"((?:[^"\\]|\\.)*)"|(\S*))\s*/y;
  let i = 0;
  const text = input.trim();
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) {
      const rest = text.slice(i).split(/\s+/)[0];
      return { error: `tags: "${rest}" is not key=value (use logfmt, e.g. error=true)` };
    }
    tags[m[1]] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
    i = re.lastIndex;
  }
  return { tags };
}
