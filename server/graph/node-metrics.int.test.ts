import { describe, expect, it } from 'vitest';

import { END } from './__fixtures__/scenario';
import { useScenarioPrometheus } from './__fixtures__/scenario-prometheus';
import { getTrafficMetrics } from './node-metrics';

// The metrics API's series on the scenario's real Prometheus (see graph.int.test.ts).
const scenario = useScenarioPrometheus();

describe('metrics API on a real Prometheus', () => {
  it('metrics API: node and edge range series with exact rates, error % and p95', async () => {
    const m = await getTrafficMetrics(
      {
        kind: 'node',
        node: 'wl:bookinfo:details-v1',
        direction: 'inbound',
        duration: 300,
        step: 60,
        end: END,
      },
      scenario.client,
    );
    expect(m).toMatchObject({
      start: END - 300,
      end: END,
      step: 60,
      rateWindow: 120,
      reporter: 'destination',
    });
    expect(m.series.rps).toEqual([0, 1, 2, 3, 4, 5].map((i) => [END - 300 + 60 * i, 10]));
    expect(m.series.errorPercent.every(([, v]) => v === 10)).toBe(true);
    expect(m.series.p95.at(-1)).toEqual([END, 17.5]);

    const out = await getTrafficMetrics(
      {
        kind: 'node',
        node: 'wl:bookinfo:productpage-v1',
        direction: 'outbound',
        duration: 120,
        step: 60,
        end: END,
      },
      scenario.client,
    );
    // 20.5 http + 5 grpc requests/s leave productpage, reported by its own proxy.
    expect(out.reporter).toBe('source');
    expect(out.series.rps.at(-1)).toEqual([END, 25.5]);

    // A database without a sidecar: no destination reports, so the caller's are used.
    const tcp = await getTrafficMetrics(
      {
        kind: 'edge',
        source: 'app:bookinfo:ratings:v1',
        target: 'app:bookinfo:mysqldb:v1',
        duration: 120,
        step: 60,
        end: END,
      },
      scenario.client,
    );
    expect(tcp.reporter).toBe('source');
    expect(tcp.series.tcpSent.at(-1)).toEqual([END, 3000]);
    expect(tcp.series.tcpReceived.at(-1)).toEqual([END, 1000]);

    const grpc = await getTrafficMetrics(
      {
        kind: 'edge',
        source: 'svc:bookinfo:echo',
        target: 'wl:bookinfo:echo-v1',
        duration: 60,
        step: 60,
        end: END,
      },
      scenario.client,
    );
    expect(grpc.series.errorPercent.at(-1)).toEqual([END, 20]);
    await expect(
      getTrafficMetrics(
        { kind: 'edge', source: 'svc:bookinfo:a', target: 'svc:bookinfo:b', duration: 60 },
        scenario.client,
      ),
    ).rejects.toMatchObject({ code: 'bad_request' });
  });
});
