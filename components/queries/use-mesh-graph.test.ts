import { describe, expect, it } from 'vitest';

import { meshGraphUrl, responseTimeFor, throughputFor } from './use-mesh-graph';

describe('the graph request the page makes', () => {
  it('asks for a quantile only when an edge label or Find/Hide shows it', () => {
    expect(responseTimeFor('rps', ['', ''])).toBe('none');
    expect(responseTimeFor('rtAvg', ['', ''])).toBe('none');
    expect(responseTimeFor('rtP95', ['', ''])).toBe('p95');
    expect(responseTimeFor('rtP99', ['rt > 100', ''])).toBe('p99');
    expect(responseTimeFor('rps', ['', 'rt > 100'])).toBe('p95');
    expect(responseTimeFor('rps', ['responsetime > 5 OR rps > 1', ''])).toBe('p95');
    expect(responseTimeFor('rps', ['app = rtx', ''])).toBe('none');
  });

  it('asks for throughput only when an edge label or Find/Hide shows it', () => {
    expect(throughputFor('rps', ['', ''])).toBe(false);
    expect(throughputFor('throughput', ['', ''])).toBe(true);
    expect(throughputFor('rps', ['', 'throughput > 1000'])).toBe(true);
    expect(throughputFor('rps', ['app = throughputs', ''])).toBe(false);
  });

  it('puts responseTime and throughput in the URL', () => {
    const url = meshGraphUrl({
      namespaces: ['a', 'b'],
      graphType: 'app',
      duration: 60,
      injectServiceNodes: true,
      idleNodes: false,
      idleEdges: false,
      responseTime: 'none',
      throughput: false,
    });
    expect(url).toBe(
      '/api/namespaces/graph?namespaces=a%2Cb&graphType=app&duration=60s&injectServiceNodes=true' +
        '&idleNodes=false&idleEdges=false&responseTime=none&throughput=false',
    );
  });
});
