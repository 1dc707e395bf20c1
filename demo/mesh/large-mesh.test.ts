import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import { parseBehaviour } from './behaviour';
import { generateLargeMesh } from './large-mesh';

type Doc = {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: { template?: { metadata: { annotations: Record<string, string> } } };
};

describe('generateLargeMesh', () => {
  const docs = parseAllDocuments(generateLargeMesh({ workloads: 1000, namespaces: 100 })).map(
    (d) => d.toJS() as Doc,
  );
  const of = (k: string) => docs.filter((d) => d.kind === k);

  it('makes exactly N workloads in M injected namespaces, with gateways', () => {
    expect(of('Deployment')).toHaveLength(1000);
    expect(of('Namespace')).toHaveLength(100);
    expect(of('Gateway')).toHaveLength(100);
    expect(of('VirtualService')).toHaveLength(100);
    expect(of('DestinationRule').length).toBeGreaterThan(0);
  });

  it('mixes protocols and only calls services that exist', () => {
    const services = new Set(
      of('Service').map((s) => `${s.metadata.name}.${s.metadata.namespace}`),
    );
    const protocols = new Set<string>();
    let cross = 0;
    for (const d of of('Deployment')) {
      const b = parseBehaviour(d.spec!.template!.metadata.annotations);
      protocols.add(b.protocol);
      for (const c of b.calls) {
        const [name, ns] = c.host.split('.');
        if (ns) cross++;
        expect(services.has(`${name}.${ns ?? d.metadata.namespace}`), c.host).toBe(true);
      }
    }
    expect([...protocols].sort()).toEqual(['grpc', 'http', 'tcp']);
    expect(cross).toBeGreaterThan(0);
  });

  it('rejects impossible sizes', () => {
    expect(() => generateLargeMesh({ workloads: 5, namespaces: 10 })).toThrow(/workloads/);
    expect(() => generateLargeMesh({ workloads: 5, namespaces: 0 })).toThrow(/namespaces/);
  });
});
