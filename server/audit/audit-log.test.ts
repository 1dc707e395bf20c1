import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { auditFile, auditUser, listAudit, recordAudit } from './audit-log';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'audit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const base = {
  user: 'alice',
  action: 'update' as const,
  kind: 'VirtualService',
  apiVersion: 'networking.istio.io/v1',
  name: 'reviews',
  before: { hosts: ['reviews'] },
  after: { hosts: ['reviews'], http: [] },
};

describe('audit log', () => {
  it('appends entries and reads them newest first, filtered', async () => {
    const file = auditFile(dir);
    const a = await recordAudit({ ...base, namespace: 'bookinfo' }, file);
    const b = await recordAudit({ ...base, namespace: 'other' }, file);
    const c = await recordAudit({ ...base, namespace: 'bookinfo', name: 'ratings' }, file);
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    const all = await listAudit({}, file);
    expect(all.entries.map((e) => e.id)).toEqual([c.id, b.id, a.id]);
    const ns = await listAudit({ namespace: 'bookinfo', limit: 1 }, file);
    expect(ns).toMatchObject({ total: 2, entries: [{ id: c.id, name: 'ratings' }] });
  });
  it('treats a missing file as empty and skips a torn line', async () => {
    const file = auditFile(dir);
    expect(await listAudit({}, file)).toEqual({ entries: [], total: 0 });
    await recordAudit({ ...base, namespace: 'bookinfo' }, file);
    await writeFile(file, '{"torn', { flag: 'a' });
    expect((await listAudit({}, file)).total).toBe(1);
  });
  it('takes the user from trusted headers', () => {
    expect(auditUser(new Headers({ 'x-forwarded-user': 'bob' }))).toBe('bob');
    expect(auditUser(new Headers({ 'x-remote-user': 'carol' }))).toBe('carol');
    expect(auditUser(new Headers())).toBe('anonymous');
  });
});
