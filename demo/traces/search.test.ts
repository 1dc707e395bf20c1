import { describe, expect, it } from 'vitest';

import {
  DEFAULT_LOOKBACK_US,
  parseClassicGetTrace,
  parseClassicSearch,
  parseDependencies,
  parseSpanKind,
  parseV3GetTrace,
  parseV3Search,
} from './search';

const NOW_US = 1_767_225_600_000_000;
const params = (s: string) => new URLSearchParams(s);
const classic = (s: string) => parseClassicSearch(params(s), NOW_US);

describe('parseClassicSearch', () => {
  it('applies Jaeger defaults: last 2 days, limit 100, no bounds', () => {
    const { query, traceIds, raw } = classic('service=a');
    expect(query).toEqual({
      service: 'a',
      operation: undefined,
      tags: {},
      startUs: NOW_US - DEFAULT_LOOKBACK_US,
      endUs: NOW_US,
      limit: 100,
    });
    expect(traceIds).toEqual([]);
    expect(raw).toBe(false);
  });

  it('reads every parameter', () => {
    const { query, raw } = classic(
      'service=a&operation=op&start=10&end=20&limit=5&minDuration=1.5ms&maxDuration=1s&raw=true' +
        '&tags=' +
        encodeURIComponent('{"error":"true","http.status_code":"500"}') +
        '&tag=http.url:http://x:9080/&tag=k:v',
    );
    expect(query).toEqual({
      service: 'a',
      operation: 'op',
      // Jaeger splits `tag=` at the first colon, so values may hold colons but keys may not.
      tags: { error: 'true', 'http.status_code': '500', 'http.url': 'http://x:9080/', k: 'v' },
      startUs: 10,
      endUs: 20,
      limit: 5,
      minDurationUs: 1500,
      maxDurationUs: 1_000_000,
    });
    expect(raw).toBe(true);
  });

  it('lets the tags JSON map win over tag=k:v for the same key', () => {
    expect(classic(`service=a&tag=k:1&tags=${encodeURIComponent('{"k":"2"}')}`).query.tags).toEqual(
      { k: '2' },
    );
  });

  it('accepts repeated traceID without a service', () => {
    const { traceIds } = classic('traceID=ABC&traceID=0123456789abcdef0123456789abcdef');
    expect(traceIds).toEqual([
      '00000000000000000000000000000abc',
      '0123456789abcdef0123456789abcdef',
    ]);
  });

  it.each([
    ['', "parameter 'service' is required"],
    [
      'service=a&start=x',
      `unable to parse param 'start': strconv.ParseInt: parsing "x": invalid syntax`,
    ],
    [
      'service=a&end=1.5',
      `unable to parse param 'end': strconv.ParseInt: parsing "1.5": invalid syntax`,
    ],
    ['service=a&tag=novalue', "malformed 'tag' parameter, expecting key:value, received: novalue"],
    ['service=a&tags=%7Bx', "malformed 'tags' parameter, cannot unmarshal JSON: "],
    [
      'service=a&tags=%7B%22a%22%3A1%7D',
      "malformed 'tags' parameter, cannot unmarshal JSON: json: cannot unmarshal number into Go value of type string",
    ],
    ['service=a&limit=ten', 'strconv.ParseInt: parsing "ten": invalid syntax'],
    ['service=a&limit=0', 'invalid parameter: limit must be greater than 0'],
    ['service=a&limit=-3', 'invalid parameter: limit must be greater than 0'],
    [
      'service=a&minDuration=1000',
      `unable to parse param 'minDuration': time: missing unit in duration "1000"`,
    ],
    [
      'service=a&maxDuration=5x',
      `unable to parse param 'maxDuration': time: unknown unit "x" in duration "5x"`,
    ],
    [
      'service=a&minDuration=2s&maxDuration=1s',
      "'maxDuration' should be greater than 'minDuration'",
    ],
    ['service=a&start=20&end=10', 'invalid parameter: start time must be before end time'],
    ['traceID=xyz', 'cannot parse traceID param: strconv.ParseUint: parsing "xyz": invalid syntax'],
    [
      `traceID=${'a'.repeat(33)}`,
      `cannot parse traceID param: TraceID cannot be longer than 32 hex characters: ${'a'.repeat(33)}`,
    ],
    [
      'service=a&raw=maybe',
      `unable to parse param 'raw': strconv.ParseBool: parsing "maybe": invalid syntax`,
    ],
  ])('rejects %j', (qs, message) => {
    expect(() => classic(qs)).toThrow(message);
  });

  it('treats a zero duration bound as no bound, like Jaeger', () => {
    expect(classic('service=a&minDuration=0&maxDuration=0s').query).not.toHaveProperty(
      'minDurationUs',
    );
  });
});

describe('other classic parameters', () => {
  it('parses /api/traces/{id}', () => {
    expect(parseClassicGetTrace('AB', params('raw=1'))).toEqual({
      id: '000000000000000000000000000000ab',
      raw: true,
    });
    expect(() => parseClassicGetTrace('zz', params(''))).toThrow(
      'strconv.ParseUint: parsing "zz": invalid syntax',
    );
    expect(() => parseClassicGetTrace('ab', params('start=x'))).toThrow(
      "unable to parse param 'start'",
    );
  });

  it('parses /api/dependencies in milliseconds with a 24 h default lookback', () => {
    expect(parseDependencies(params(''), 5_000)).toEqual({
      endUs: 5_000_000,
      lookbackUs: 86_400_000_000,
      service: undefined,
    });
    expect(parseDependencies(params('endTs=10&lookback=3&service=s'), 0)).toEqual({
      endUs: 10_000,
      lookbackUs: 3_000,
      service: 's',
    });
    expect(() => parseDependencies(params('lookback=1h'), 0)).toThrow(
      `unable to parse param 'lookback': strconv.ParseInt: parsing "1h": invalid syntax`,
    );
  });

  it('checks span kinds', () => {
    expect(parseSpanKind('', 'spanKind')).toBeUndefined();
    expect(parseSpanKind('client', 'spanKind')).toBe('client');
    expect(() => parseSpanKind('CLIENT', 'spanKind')).toThrow("unsupported span kind: 'CLIENT'");
  });
});

describe('parseV3Search', () => {
  const window =
    'query.startTimeMin=2026-01-01T00:00:00Z&query.startTimeMax=2026-01-01T01:00:00.0000015Z';

  it('reads camelCase parameters and converts the window to µs (rounded inwards)', () => {
    const { query, raw } = parseV3Search(
      params(
        `${window}&query.serviceName=s&query.operationName=o&query.searchDepth=7` +
          `&query.durationMin=1ms&query.durationMax=2s&query.rawTraces=true` +
          `&query.attributes=${encodeURIComponent('{"error":"true"}')}`,
      ),
    );
    expect(query).toEqual({
      service: 's',
      operation: 'o',
      tags: { error: 'true' },
      startUs: NOW_US,
      endUs: NOW_US + 3_600_000_001,
      limit: 7,
      minDurationUs: 1000,
      maxDurationUs: 2_000_000,
    });
    expect(raw).toBe(true);
  });

  it('accepts the deprecated snake_case names', () => {
    const { query } = parseV3Search(
      params(
        'query.start_time_min=2026-01-01T00:00:00Z&query.start_time_max=2026-01-01T00:00:01Z' +
          '&query.service_name=s&query.operation_name=o&query.num_traces=3&query.duration_min=5us',
      ),
    );
    expect(query).toMatchObject({ service: 's', operation: 'o', limit: 3, minDurationUs: 5 });
  });

  it.each([
    ['query.serviceName=s', 'query.startTimeMin and query.startTimeMax are required'],
    [
      'query.startTimeMin=yesterday&query.startTimeMax=2026-01-01T00:00:00Z',
      'malformed parameter query.startTimeMin: parsing time "yesterday"',
    ],
    [`${window}&query.searchDepth=-1`, 'malformed parameter query.searchDepth: strconv.ParseUint'],
    [
      `${window}&query.durationMin=10`,
      'malformed parameter query.durationMin: time: missing unit in duration "10"',
    ],
    [
      `${window}&query.duration_max=1q`,
      'malformed parameter query.duration_max: time: unknown unit',
    ],
    [
      `${window}&query.attributes=%5B%5D`,
      'malformed parameter query.attributes: json: cannot unmarshal array',
    ],
    [`${window}&query.rawTraces=2`, 'malformed parameter query.rawTraces: strconv.ParseBool'],
    [
      'query.startTimeMin=2026-01-02T00:00:00Z&query.startTimeMax=2026-01-01T00:00:00Z',
      'query.startTimeMin must be before query.startTimeMax',
    ],
  ])('rejects %j', (qs, message) => {
    expect(() => parseV3Search(params(qs))).toThrow(message);
  });

  it('parses /api/v3/traces/{id}', () => {
    expect(parseV3GetTrace('Ab', params('startTime=2026-01-01T00:00:00Z&raw_traces=true'))).toEqual(
      { id: '000000000000000000000000000000ab', raw: true },
    );
    expect(() => parseV3GetTrace('nothex', params(''))).toThrow(
      'malformed parameter trace_id: strconv.ParseUint: parsing "nothex": invalid syntax',
    );
    expect(() => parseV3GetTrace('ab', params('endTime=soon'))).toThrow(
      'malformed parameter endTime: parsing time "soon"',
    );
  });
});
