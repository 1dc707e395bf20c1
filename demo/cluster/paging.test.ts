import { describe, expect, it } from 'vitest';

import { encodeContinue, paginate } from './paging';

const obj = (namespace: string, name: string) => ({ metadata: { namespace, name } });
const names = (xs: { metadata: { name: string } }[]) => xs.map((x) => x.metadata.name);

describe('list chunking', () => {
  const all = [obj('b', 'x'), obj('a', 'z'), obj('a', 'y'), obj('c', 'w')];

  it('serves everything without a limit, in namespace/name order', () => {
    expect(names(paginate(all, null, null).items)).toEqual(['y', 'z', 'x', 'w']);
    expect(paginate(all, '0', null).continue).toBeUndefined();
  });

  it('pages through with continue tokens until the last page', () => {
    const p1 = paginate(all, '3', null);
    expect(names(p1.items)).toEqual(['y', 'z', 'x']);
    expect(p1.remainingItemCount).toBe(1);
    const p2 = paginate(all, '3', p1.continue!);
    expect(names(p2.items)).toEqual(['w']);
    expect(p2.continue).toBeUndefined();
  });

  it('continues after the last key even when objects changed in between', () => {
    const p1 = paginate(all, '2', null);
    const changed = [...all.filter((o) => o.metadata.name !== 'x'), obj('a', 'a')];
    expect(names(paginate(changed, '2', p1.continue!).items)).toEqual(['w']);
    expect(paginate(all, '1', encodeContinue('c/w')).items).toEqual([]);
  });

  it('rejects bad limits and tokens with 400', () => {
    expect(() => paginate(all, '-1', null)).toThrow(/limit/);
    expect(() => paginate(all, '2', 'not-a-token')).toThrow(/continue/);
  });
});
