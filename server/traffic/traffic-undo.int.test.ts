import { describe, expect, it } from 'vitest';

import { editBeforeDelete } from '@/server/kube/__fixtures__/racing-clients';

import { failure, useTrafficCluster } from './__fixtures__/traffic-cluster';
import { getIstio } from './istio-api';
import { updateTrafficSplit } from './traffic-service';

const tc = useTrafficCluster();
const kubectl = (...args: string[]) => tc.kubectl(...args);
const ctx = () => tc.ctx();

describe('undoing a traffic change against the demo cluster', () => {
  it('undoes a creation by deleting the VS it created, unless it changed since', async () => {
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
  });
});
