import { describe, expect, it } from 'vitest';

import { parseQuery } from '@/server/http/handle';

import { deleteQuery } from './schema';

const parse = (qs: string) =>
  parseQuery(deleteQuery, `http://x/api/namespaces/bookinfo/istio/virtualservices/reviews?${qs}`);

describe('delete query parameters', () => {
  it('takes the resourceVersion the user saw, or none', () => {
    expect(parse('resourceVersion=12345')).toEqual({ resourceVersion: '12345' });
    expect(parse('')).toEqual({});
  });

  it('refuses a resourceVersion no API server would issue', () => {
    for (const bad of ['', '1 2', '1;DROP', 'x'.repeat(65), '%0A1']) {
      expect(() => parse(`resourceVersion=${bad}`), bad).toThrow(/resourceVersion/);
    }
  });
});
