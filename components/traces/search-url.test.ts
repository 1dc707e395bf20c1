import { describe, expect, it } from 'vitest';

import { apiParams, parseSearchUrl, searchUrl } from './search-url';

describe('traces page URL state', () => {
  it('round-trips a search and omits defaults', () => {
    const s = parseSearchUrl(
      new URLSearchParams(
        'service=productpage.bookinfo&tags=error%3Dtrue&minDuration=10ms&sort=longest',
      ),
    );
    expect(s).toMatchObject({
      service: 'productpage.bookinfo',
      lookback: '1h',
      limit: 20,
      sort: 'longest',
    });
    expect(searchUrl(s)).toBe(
      'service=productpage.bookinfo&tags=error%3Dtrue&minDuration=10ms&sort=longest',
    );
  });

  it('keeps start/end only for a custom range and ignores junk', () => {
    const s = parseSearchUrl(
      new URLSearchParams('lookback=custom&start=10&end=20&limit=x&sort=zzz'),
    );
    expect(s).toMatchObject({ start: 10, end: 20, limit: 20, sort: 'recent' });
    expect(apiParams(s)).toMatchObject({ start: 10, end: 20, lookback: undefined });
    expect(parseSearchUrl(new URLSearchParams('lookback=15m&start=10')).start).toBeUndefined();
  });
});
