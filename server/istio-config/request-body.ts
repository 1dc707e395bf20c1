import 'server-only';

import { AppError } from '@/server/http/app-error';

/**
 * The object a create/update request carries: a JSON object, JSON `{ "yaml": "<text>" }` (what
 * the editor sends, so YAML errors are reported by the server with line numbers), or raw YAML
 * text with a YAML/text content type (what `curl --data-binary @vs.yaml` sends).
 */
export async function readObjectBody(req: Request): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  const text = await req.text();
  if (!text.trim()) throw new AppError('bad_request', 'The request body is empty');
  if (!type.includes('json')) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The request body is not valid JSON');
  }
  if (parsed !== null && typeof parsed === 'object' && 'yaml' in parsed) {
    const yaml = (parsed as { yaml: unknown }).yaml;
    if (typeof yaml !== 'string') throw new AppError('bad_request', 'yaml: must be a string');
    return yaml;
  }
  return parsed;
}
