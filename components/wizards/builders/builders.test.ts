import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { buildCircuitBreaking, CIRCUIT_DEFAULTS } from './circuit-breaking';
import type { BuildResult, WizardTarget } from './common';
import { buildFaultInjection, FAULT_DEFAULTS } from './fault-injection';
import { buildRequestRouting } from './request-routing';
import { buildTimeoutsRetries, TIMEOUTS_DEFAULTS } from './timeouts-retries';

const reviews: WizardTarget = {
  namespace: 'bookinfo',
  service: 'reviews',
  versions: ['v1', 'v2', 'v3'],
};

function objects(r: BuildResult) {
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.objects;
}

function problems(r: BuildResult) {
  return r.ok ? [] : r.problems;
}

describe('request routing', () => {
  it('routes jason to v2 and everyone else to v3, with subsets for every version', () => {
    const [vs, dr] = objects(
      buildRequestRouting(reviews, {
        rules: [
          {
            conditions: [{ on: 'header', header: 'End-User', op: 'exact', value: 'jason' }],
            subset: 'v2',
          },
          {
            conditions: [
              { on: 'uri', op: 'prefix', value: '/api' },
              { on: 'header', header: 'x-canary', op: 'regex', value: '^(1|yes)$' },
            ],
            subset: 'v1',
          },
        ],
        defaultSubset: 'v3',
      }),
    );
    expect(vs.spec).toEqual({
      hosts: ['reviews'],
      http: [
        {
          name: 'rule-1',
          match: [{ headers: { 'end-user': { exact: 'jason' } } }],
          route: [{ destination: { host: 'reviews', subset: 'v2' } }],
        },
        {
          name: 'rule-2',
          match: [{ uri: { prefix: '/api' }, headers: { 'x-canary': { regex: '^(1|yes)$' } } }],
          route: [{ destination: { host: 'reviews', subset: 'v1' } }],
        },
        { name: 'default', route: [{ destination: { host: 'reviews', subset: 'v3' } }] },
      ],
    });
    expect(dr.kind).toBe('DestinationRule');
    expect(dr.spec?.subsets).toEqual([
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'v2', labels: { version: 'v2' } },
      { name: 'v3', labels: { version: 'v3' } },
    ]);
    expect(vs.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'meshscope',
      'meshscope.dev/wizard': 'request-routing',
    });
  });

  it('says what to fix: unknown versions, empty values, bad headers and regexes', () => {
    expect(
      problems(
        buildRequestRouting(reviews, {
          rules: [
            { conditions: [], subset: 'v1' },
            {
              conditions: [{ on: 'header', header: 'bad header', op: 'regex', value: '(' }],
              subset: 'v9',
            },
          ],
          defaultSubset: '',
        }),
      ),
    ).toEqual([
      'Choose the version that gets all other requests',
      'Rule 1: add a header or URI condition',
      'Rule 2: choose a version',
      'Rule 2: "bad header" is not a header name',
      'Rule 2: "(" is not a valid regular expression',
    ]);
  });
});

describe('fault injection', () => {
  it('builds the YAML users expect from the defaults', () => {
    const [vs] = objects(buildFaultInjection(reviews, FAULT_DEFAULTS));
    expect(stringify(vs)).toBe(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
  labels:
    app.kubernetes.io/managed-by: meshscope
    meshscope.dev/wizard: fault-injection
spec:
  hosts:
    - reviews
  http:
    - fault:
        delay:
          percentage:
            value: 100
          fixedDelay: 5s
      route:
        - destination:
            host: reviews
`);
  });

  it('adds an abort and validates percentages, durations and status codes', () => {
    const [vs] = objects(
      buildFaultInjection(reviews, {
        delay: { enabled: false, percent: 0, fixedDelay: '' },
        abort: { enabled: true, percent: 12.5, httpStatus: 500 },
      }),
    );
    expect((vs.spec?.http as { fault: unknown }[])[0].fault).toEqual({
      abort: { percentage: { value: 12.5 }, httpStatus: 500 },
    });
    expect(
      problems(
        buildFaultInjection(reviews, {
          delay: { enabled: true, percent: 150, fixedDelay: '5 seconds' },
          abort: { enabled: true, percent: 10, httpStatus: 99 },
        }),
      ),
    ).toEqual([
      'Delay percentage must be between 0 and 100',
      'Delay "5 seconds" is not a duration like 5s or 500ms',
      'Abort status must be an HTTP status between 200 and 599',
    ]);
    expect(
      problems(
        buildFaultInjection(reviews, {
          ...FAULT_DEFAULTS,
          delay: { ...FAULT_DEFAULTS.delay, enabled: false },
        }),
      ),
    ).toEqual(['Enable a delay, an abort or both']);
  });
});

describe('timeouts and retries', () => {
  it('sets timeout and retries on the route', () => {
    const [vs] = objects(buildTimeoutsRetries(reviews, TIMEOUTS_DEFAULTS));
    expect(vs.spec?.http).toEqual([
      {
        timeout: '2s',
        retries: {
          attempts: 3,
          perTryTimeout: '2s',
          retryOn: 'gateway-error,connect-failure,refused-stream',
        },
        route: [{ destination: { host: 'reviews' } }],
      },
    ]);
  });

  it('leaves out what is disabled and rejects bad values', () => {
    const [vs] = objects(
      buildTimeoutsRetries(reviews, {
        ...TIMEOUTS_DEFAULTS,
        retries: { ...TIMEOUTS_DEFAULTS.retries, enabled: false },
      }),
    );
    expect(vs.spec?.http).toEqual([
      { timeout: '2s', route: [{ destination: { host: 'reviews' } }] },
    ]);
    expect(
      problems(
        buildTimeoutsRetries(reviews, {
          timeout: { enabled: true, value: '2' },
          retries: { enabled: true, attempts: 0, perTryTimeout: '1x', retryOn: [] },
        }),
      ),
    ).toHaveLength(4);
  });
});

describe('circuit breaking', () => {
  it('writes connection pool and outlier detection, keeping a subset per version', () => {
    const [dr] = objects(buildCircuitBreaking(reviews, CIRCUIT_DEFAULTS));
    expect(dr.spec).toEqual({
      host: 'reviews',
      trafficPolicy: {
        connectionPool: {
          tcp: { maxConnections: 100 },
          http: { http1MaxPendingRequests: 10, maxRequestsPerConnection: 10 },
        },
        outlierDetection: {
          consecutive5xxErrors: 5,
          interval: '10s',
          baseEjectionTime: '30s',
          maxEjectionPercent: 100,
        },
      },
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', labels: { version: 'v2' } },
        { name: 'v3', labels: { version: 'v3' } },
      ],
    });
  });

  it('rejects zero limits and bad durations', () => {
    expect(
      problems(
        buildCircuitBreaking(reviews, {
          connectionPool: { ...CIRCUIT_DEFAULTS.connectionPool, maxConnections: 0 },
          outlierDetection: { ...CIRCUIT_DEFAULTS.outlierDetection, interval: 'soon' },
        }),
      ),
    ).toEqual([
      'Max connections must be a whole number of at least 1',
      'Interval "soon" is not a duration like 10s',
    ]);
  });
});
