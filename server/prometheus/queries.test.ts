import { describe, expect, it } from 'vitest';

import { PromQLInputError } from './promql';
import {
  endpointMatchers,
  graphLatencyBuckets,
  graphLatencySums,
  graphRequests,
  graphTcp,
  graphThroughput,
  namespaceShards,
  tagged,
  tcpSeries,
  trafficSeries,
  workloadInboundRequests,
} from './queries';

const EDGE =
  'source_workload_namespace,source_workload,source_canonical_service,source_canonical_revision,' +
  'destination_service_namespace,destination_service_name,destination_service,' +
  'destination_workload_namespace,destination_workload,destination_canonical_service,destination_canonical_revision';

const NS = '"bookinfo|istio-system"';
const TRAFFIC = [
  `reporter="destination",destination_workload_namespace=~${NS}`,
  `reporter="source",source_workload_namespace=~${NS}`,
  `reporter="source",destination_workload="unknown",destination_service_namespace=~${NS}`,
];
const HISTOGRAM = [
  TRAFFIC[0],
  `reporter="source",source_workload_namespace=~${NS},destination_workload_namespace!~${NS}`,
  TRAFFIC[2],
];
const sums = (metric: string, labels: string, arms = TRAFFIC, w = '60s') =>
  arms.map((a) => `sum by (${labels}) (rate(${metric}{${a}}[${w}]))`).join(' or ');

const input = { namespaces: ['istio-system', 'bookinfo'], window: 60 };

describe('graph PromQL builders', () => {
  it('graphRequests: one regex for all namespaces, three selectors, > 0 unless idle edges', () => {
    const labels =
      `reporter,${EDGE},request_protocol,response_code,grpc_response_status,response_flags,` +
      'connection_security_policy';
    const union = sums('istio_requests_total', labels);
    expect(graphRequests(input)).toBe(`(${union}) > 0`);
    expect(graphRequests({ ...input, idleEdges: true })).toBe(union);
  });

  it('graphTcp: sent and received tagged in one query', () => {
    const part = (m: string, dir: string) =>
      `label_replace((${sums(m, `reporter,${EDGE},connection_security_policy`)}) > 0,"tcp_dir","${dir}","","")`;
    expect(graphTcp(input)).toBe(
      `${part('istio_tcp_sent_bytes_total', 'sent')} or ${part('istio_tcp_received_bytes_total', 'received')}`,
    );
  });

  it('graphThroughput: request and response byte sums', () => {
    const part = (m: string, dir: string) =>
      `label_replace((${sums(m, `reporter,${EDGE},request_protocol`)}) > 0,"bytes_dir","${dir}","","")`;
    expect(graphThroughput(input)).toBe(
      `${part('istio_request_bytes_sum', 'request')} or ${part('istio_response_bytes_sum', 'response')}`,
    );
  });

  it('graphLatencySums: _sum and _count rates keyed by the grouping labels, tagged', () => {
    const g = 'reporter,request_protocol,source_workload';
    const part = (stat: string) =>
      `label_replace(sum by (reporter,ms_key) (label_join(${sums(`istio_request_duration_milliseconds_${stat}`, g, HISTOGRAM, '300s')},` +
      `"ms_key",";","request_protocol","source_workload")),"ms_stat","${stat}","","")`;
    expect(
      graphLatencySums({ ...input, window: 300, labels: ['request_protocol', 'source_workload'] }),
    ).toBe(`${part('sum')} or ${part('count')}`);
  });

  it('graphLatencyBuckets: one pass over the buckets by le, reporter and the keyed labels', () => {
    expect(
      graphLatencyBuckets({
        ...input,
        labels: ['reporter', 'source_workload', 'request_protocol'],
      }),
    ).toBe(
      `sum by (le,reporter,ms_key) (label_join(${sums(
        'istio_request_duration_milliseconds_bucket',
        'le,reporter,source_workload,request_protocol',
        HISTOGRAM,
      )},"ms_key",";","source_workload","request_protocol"))`,
    );
  });

  it('namespaceShards: a sorted round robin partition, never an empty shard', () => {
    expect(namespaceShards(['d', 'a', 'c', 'b', 'a'], 2)).toEqual([
      ['a', 'c'],
      ['b', 'd'],
    ]);
    expect(namespaceShards(['x'], 2)).toEqual([['x']]);
  });

  it('graphLatencyBuckets shards select disjoint parts of the unsharded selection', () => {
    const labels = ['source_workload'];
    const part = graphLatencyBuckets({ ...input, labels, part: ['bookinfo'] });
    expect(part).toContain('reporter="destination",destination_workload_namespace=~"bookinfo"');
    // Source-reported calls leave *all* requested namespaces, whichever shard their source is in.
    expect(part).toContain(
      'reporter="source",source_workload_namespace=~"bookinfo",destination_workload_namespace!~"bookinfo|istio-system"',
    );
  });

  it('rejects unknown grouping labels and bad namespaces before building anything', () => {
    expect(() => graphLatencySums({ ...input, labels: ['le"} or vector(1)'] })).toThrow(
      PromQLInputError,
    );
    expect(() => graphLatencyBuckets({ ...input, labels: ['x) or vector(1'] })).toThrow(
      'unknown grouping label',
    );
    expect(() => graphRequests({ ...input, namespaces: ['bookinfo"} or vector(1) #'] })).toThrow(
      'invalid namespace',
    );
    expect(() => graphRequests({ ...input, window: 0 })).toThrow('invalid window');
  });

  it('tagged uses the empty-label idiom', () => {
    expect(tagged('up', 'a', 'b')).toBe('label_replace(up,"a","b","","")');
  });
});

describe('metrics PromQL builders', () => {
  it('endpointMatchers for each node kind and side', () => {
    expect(
      endpointMatchers(
        { kind: 'workload', namespace: 'bookinfo', workload: 'reviews-v1' },
        'source',
      ),
    ).toEqual(['source_workload_namespace="bookinfo"', 'source_workload="reviews-v1"']);
    expect(
      endpointMatchers(
        { kind: 'app', namespace: 'bookinfo', app: 'reviews', version: 'v2' },
        'destination',
      ),
    ).toEqual([
      'destination_workload_namespace="bookinfo"',
      'destination_canonical_service="reviews"',
      'destination_canonical_revision="v2"',
    ]);
    expect(
      endpointMatchers(
        { kind: 'service', namespace: 'bookinfo', service: 'reviews' },
        'destination',
      ),
    ).toEqual(['destination_service_namespace="bookinfo"', 'destination_service_name="reviews"']);
    expect(endpointMatchers({ kind: 'unknown' }, 'source')).toEqual(['source_workload="unknown"']);
    expect(() =>
      endpointMatchers({ kind: 'service', namespace: 'bookinfo', service: 'reviews' }, 'source'),
    ).toThrow('no outbound traffic');
    expect(() =>
      endpointMatchers({ kind: 'app', namespace: 'bookinfo', app: 'x"} or vector(1)' }, 'source'),
    ).toThrow(PromQLInputError);
  });

  it('trafficSeries: rps, errors and quantiles in one range query', () => {
    const s =
      'reporter="destination",destination_workload_namespace="bookinfo",destination_workload="details-v1"';
    const buckets = `sum by (le) (rate(istio_request_duration_milliseconds_bucket{${s}}[120s]))`;
    expect(
      trafficSeries({
        matchers: [
          'destination_workload_namespace="bookinfo"',
          'destination_workload="details-v1"',
        ],
        reporter: 'destination',
        window: 120,
      }),
    ).toBe(
      [
        `label_replace(sum(rate(istio_requests_total{${s}}[120s])),"ms_series","rps","","")`,
        `label_replace(sum(rate(istio_requests_total{${s},response_code=~"0|4..|5.."}[120s]) or ` +
          `rate(istio_requests_total{${s},request_protocol="grpc",response_code!~"0|4..|5..",grpc_response_status!~"0|"}[120s]))` +
          `,"ms_series","errors","","")`,
        `label_replace(histogram_quantile(0.5, ${buckets}),"ms_series","p50","","")`,
        `label_replace(histogram_quantile(0.95, ${buckets}),"ms_series","p95","","")`,
        `label_replace(histogram_quantile(0.99, ${buckets}),"ms_series","p99","","")`,
      ].join(' or '),
    );
  });

  it('tcpSeries: Istio reports L4 direction reversed, so sent reads the received counter', () => {
    const s = 'reporter="source",source_workload="unknown"';
    expect(
      tcpSeries({ matchers: ['source_workload="unknown"'], reporter: 'source', window: 60 }),
    ).toBe(
      `label_replace(sum(rate(istio_tcp_received_bytes_total{${s}}[60s])),"ms_series","tcpSent","","") or ` +
        `label_replace(sum(rate(istio_tcp_sent_bytes_total{${s}}[60s])),"ms_series","tcpReceived","","")`,
    );
  });
});

describe('namespace health builder', () => {
  it('workloadInboundRequests', () => {
    expect(workloadInboundRequests({ window: 60 })).toBe(
      'sum by (destination_workload_namespace,destination_workload,request_protocol,response_code,' +
        'grpc_response_status) (rate(istio_requests_total{reporter="destination"}[60s])) > 0',
    );
  });
});
