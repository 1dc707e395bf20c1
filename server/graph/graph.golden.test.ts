import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { MeshGraph } from '@/server/model/graph';
import type { InstantSample } from '@/server/prometheus/client';

import { GOLDEN_CASES } from './__fixtures__/golden-cases';
import { END, scenarioInventory } from './__fixtures__/scenario';
import { buildMeshGraph } from './build-graph';
import { type GraphAnswers, telemetryFromAnswers } from './graph-answers';

// Prometheus answers recorded from a real Prometheus loaded with the scenario (record.ts), and
// the graph each must build. A change in the graph code that changes any output shows up here.
const dir = join(import.meta.dirname, '__fixtures__', 'recorded');

function load<T>(file: string): T {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
}

describe('graph building on recorded Prometheus responses', () => {
  it.each(Object.entries(GOLDEN_CASES))('%s', (name, query) => {
    const raw = load<GraphAnswers<InstantSample[]>>(`${name}.prometheus.json`);
    const graph = buildMeshGraph(telemetryFromAnswers(raw, query), scenarioInventory(), query, END);
    expect(graph).toEqual(load<MeshGraph>(`${name}.graph.json`));
  });

  it('the recorded inputs contain both reporters (so de-duplication is exercised)', () => {
    const raw = load<{ requests: InstantSample[] }>('two-namespaces.prometheus.json');
    const reporters = new Set(raw.requests.map((s) => s.labels.reporter));
    expect([...reporters].sort()).toEqual(['destination', 'source']);
  });
});
