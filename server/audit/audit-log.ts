import 'server-only';

import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';

import type { AuditEntry, AuditList } from '@/server/model/audit';

/**
 * The audit trail: one JSON line per change in `<MESHSCOPE_DATA_DIR>/audit.jsonl`. Append-only
 * (O_APPEND, one write per line, so concurrent appends from one process never interleave) and
 * read back on every query, so it survives restarts with no index to rebuild. At console scale
 * (humans editing config) the file stays small; a rotation would go here if it ever does not.
 */

/** Where the audit log lives: `$MESHSCOPE_DATA_DIR/audit.jsonl`, default `.meshscope/`. */
export function auditFile(dataDir = process.env.MESHSCOPE_DATA_DIR): string {
  return path.join(
    path.resolve(/* turbopackIgnore: true */ dataDir || '.meshscope'),
    'audit.jsonl',
  );
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'time'> & { time?: string };

/** Appends one change to the audit log and returns it with its id and time. */
export async function recordAudit(entry: NewAuditEntry, file = auditFile()): Promise<AuditEntry> {
  const time = entry.time ?? new Date().toISOString();
  const full: AuditEntry = { ...entry, id: newId(time), time };
  await mkdir(/* turbopackIgnore: true */ path.dirname(file), { recursive: true });
  const fh = await open(/* turbopackIgnore: true */ file, 'a');
  try {
    await fh.write(`${JSON.stringify(full)}\n`);
  } finally {
    await fh.close();
  }
  return full;
}

export interface AuditFilter {
  /** Newest N entries (default 200). */
  limit?: number;
  namespace?: string;
  kind?: string;
  name?: string;
}

/** Reads the log newest first, filtered. A missing file is an empty log. */
export async function listAudit(filter: AuditFilter = {}, file = auditFile()): Promise<AuditList> {
  let text: string;
  try {
    text = await readFile(/* turbopackIgnore: true */ file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], total: 0 };
    throw err;
  }
  const matching: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let e: AuditEntry;
    try {
      e = JSON.parse(line) as AuditEntry;
    } catch {
      // A torn last line (crash mid-write) must not hide every other entry.
      continue;
    }
    if (filter.namespace && e.namespace !== filter.namespace) continue;
    if (filter.kind && e.kind !== filter.kind) continue;
    if (filter.name && e.name !== filter.name) continue;
    matching.push(e);
  }
  matching.reverse();
  return { entries: matching.slice(0, filter.limit ?? 200), total: matching.length };
}

/** The user a request acts as: a trusted proxy header, else `anonymous`. */
export function auditUser(headers: Headers): string {
  const user = headers.get('x-forwarded-user') ?? headers.get('x-remote-user');
  const trimmed = user?.trim().slice(0, 256);
  return trimmed || 'anonymous';
}

let counter = 0;

/** Sortable by time, unique within and across processes. */
function newId(time: string): string {
  counter = (counter + 1) % 0x10000;
  const t = Date.parse(time).toString(36).padStart(9, '0');
  return `${t}-${counter.toString(36).padStart(4, '0')}-${randomBytes(3).toString('hex')}`;
}
