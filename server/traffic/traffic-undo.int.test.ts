import { describe, expect, it } from 'vitest';

import { listAudit } from '@/server/audit/audit-log';
import { editBeforeDelete } from '@/server/kube/__fixtures__/racing-clients';

import { failure, useTrafficCluster } from './__fixtures__/traffic-cluster';
import { getIstio } from './istio-api';
import { updateTrafficSplit } from './traffic-service';

const tc = useTrafficCluster();
const kubectl = (...args: string[]) => tc.kubectl(...args);
const ctx = () => tc.ctx();

describe('undoing a traffic change against the demo cluster', () => {
  it('undoes a creation by deleting the VS and DR it created, unless the VS changed since', async () => {
    await kubectl('delete', 'vs', 'ratings', '-n', 'bookinfo', '--ignore-not-found');
    const created = await updateTrafficSplit(
      tc.k,
      'bookinfo',
      'ratings',
      { weights: { v1: 100 } },
      ctx(),
    );
    const rv = (created.virtualService as { metadata: { resourceVersion: string } }).metadata
      .resourceVersion;
    // Someone labels it between the undo's read and its delete: the undo deletes nothing.
    const racing = editBeforeDelete(tc.k, () =>
      kubectl('label', 'vs', 'ratings', '-n', 'bookinfo', 'raced=yes'),
    );
    const raced = await failure(
      updateTrafficSplit(
        racing,
        'bookinfo',
        'ratings',
        { weights: {}, restoreSpec: null, resourceVersion: rv },
        ctx(),
      ),
    );
    expect(raced.status).toBe(409);
    expect(raced.message).toContain('changed since you loaded it');
    const kept = await getIstio(tc.k, 'VirtualService', 'bookinfo', 'ratings');
    expect(kept?.metadata.labels?.raced).toBe('yes');

    await updateTrafficSplit(
      tc.k,
      'bookinfo',
      'ratings',
      { weights: {}, restoreSpec: null, resourceVersion: kept!.metadata.resourceVersion },
      ctx(),
    );
    expect(await getIstio(tc.k, 'VirtualService', 'bookinfo', 'ratings')).toBeUndefined();
    // The DestinationRule created with it, untouched since, goes too: the cluster is as before.
    expect(await getIstio(tc.k, 'DestinationRule', 'bookinfo', 'ratings')).toBeUndefined();
    const log = await listAudit({ namespace: 'bookinfo', name: 'ratings' }, tc.audit);
    expect(log.entries.map((e) => `${e.action} ${e.kind}`)).toEqual([
      'delete DestinationRule',
      'delete VirtualService',
      'create VirtualService',
      'create DestinationRule',
    ]);
  });

  it('keeps a created DestinationRule that was changed since, when undoing the creation', async () => {
    const created = await updateTrafficSplit(
      tc.k,
      'bookinfo',
      'details',
      { weights: { v1: 100 } },
      ctx(),
    );
    // Someone starts using the rule (here: a label) before the creation is undone.
    await kubectl('label', 'dr', 'details', '-n', 'bookinfo', 'team=payments');
    const rv = (created.virtualService as { metadata: { resourceVersion: string } }).metadata
      .resourceVersion;
    await updateTrafficSplit(
      tc.k,
      'bookinfo',
      'details',
      { weights: {}, restoreSpec: null, resourceVersion: rv },
      ctx(),
    );
    expect(await getIstio(tc.k, 'VirtualService', 'bookinfo', 'details')).toBeUndefined();
    const dr = await getIstio(tc.k, 'DestinationRule', 'bookinfo', 'details');
    expect(dr?.metadata.labels).toMatchObject({
      team: 'payments',
      'app.kubernetes.io/managed-by': 'meshscope',
    });
  });
});
