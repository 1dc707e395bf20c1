import { describe, expect, it } from 'vitest';

import {
  DEFAULT_VIEW,
  kialiParamsToViewQuery,
  parseViewState,
  serializeViewState,
} from './graph-url-state';

describe('graph URL state', () => {
  it('uses defaults for an empty query', () => {
    expect(parseViewState(new URLSearchParams())).toEqual({
      ...DEFAULT_VIEW,
      animation: undefined,
    });
  });

  it('round-trips a full state', () => {
    const state = {
      ...DEFAULT_VIEW,
      namespaces: ['bookinfo', 'istio-system'],
      graphType: 'workload' as const,
      duration: 600,
      refresh: 0,
      edgeLabels: 'rtP99' as const,
      animation: false,
      idleNodes: true,
      idleEdges: true,
      serviceNodes: false,
      mtls: true,
      badges: false,
      layout: 'fcose' as const,
      boxBy: ['namespace' as const, 'app' as const],
      selected: 'a->b:http',
      find: 'rps > 1 AND %error > 5',
      hide: 'app = ratings',
      trace: 'abc123',
      queryTime: 1_700_000_000,
    };
    const back = parseViewState(new URLSearchParams(serializeViewState(state).toString()));
    expect(back).toEqual(state);
  });

  it('reads boxBy in nesting order, ignoring kinds it does not draw', () => {
    const parse = (q: string) => parseViewState(new URLSearchParams(q)).boxBy;
    expect(parse('boxBy=app,namespace')).toEqual(['namespace', 'app']);
    expect(parse('boxBy=cluster,app')).toEqual(['app']);
    expect(parse('boxBy=')).toEqual([]);
    const s = serializeViewState({ ...DEFAULT_VIEW, namespaces: ['bookinfo'], boxBy: ['app'] });
    expect(s.toString()).toBe('namespaces=bookinfo&boxBy=app');
    expect(
      kialiParamsToViewQuery(new URLSearchParams('namespaces=bookinfo&boxBy=cluster,namespace')),
    ).toBe('namespaces=bookinfo&boxBy=namespace');
  });

  it('omits defaults so URLs stay short', () => {
    const s = serializeViewState({ ...DEFAULT_VIEW, namespaces: ['bookinfo'] });
    expect(s.toString()).toBe('namespaces=bookinfo');
  });

  it('ignores malformed values instead of failing', () => {
    const s = parseViewState(
      new URLSearchParams(
        'graphType=bogus&duration=-5&refresh=abc&edges=x&layout=?&animation=maybe',
      ),
    );
    expect(s.graphType).toBe('versionedApp');
    expect(s.duration).toBe(60);
    expect(s.refresh).toBe(10000);
    expect(s.edgeLabels).toBe('rps');
    expect(s.layout).toBe('layered');
    expect(s.animation).toBeUndefined();
  });

  it('accepts durations with units and de-duplicates namespaces', () => {
    const s = parseViewState(new URLSearchParams('duration=5m&namespaces=a,b,,a'));
    expect(s.duration).toBe(300);
    expect(s.namespaces).toEqual(['a', 'b']);
  });
});

describe('Kiali link mapping', () => {
  it('maps the classic graph link', () => {
    const q = kialiParamsToViewQuery(
      new URLSearchParams(
        'namespaces=bookinfo&graphType=app&duration=300&refresh=15000&edges=trafficDistribution%2CresponseTime&layout=kiali-dagre&traffic=http',
      ),
    );
    const s = parseViewState(new URLSearchParams(q));
    expect(s.namespaces).toEqual(['bookinfo']);
    expect(s.graphType).toBe('app');
    expect(s.duration).toBe(300);
    expect(s.refresh).toBe(15000);
    expect(s.edgeLabels).toBe('percent');
    expect(s.layout).toBe('layered');
    expect(q).not.toContain('traffic=');
  });

  it('drops invalid values', () => {
    expect(kialiParamsToViewQuery(new URLSearchParams('graphType=nope&duration=x'))).toBe('');
  });
});
