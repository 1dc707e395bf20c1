import { describe, expect, it } from 'vitest';

import { decodeProtobuf } from './protobuf';

/** Minimal protobuf writer for the test: length-delimited fields only. */
function field(no: number, value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value;
  return Buffer.concat([varint((no << 3) | 2), varint(bytes.length), bytes]);
}
function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}
const entry = (no: number, k: string, v: string) =>
  field(no, Buffer.concat([field(1, k), field(2, v)]));

function envelope(kind: string, raw: Buffer): Buffer {
  const typeMeta = Buffer.concat([field(1, 'v1'), field(2, kind)]);
  return Buffer.concat([
    Buffer.from('k8s\0'),
    field(1, typeMeta),
    field(2, raw),
    field(4, 'application/vnd.kubernetes.protobuf'),
  ]);
}

describe('decodeProtobuf', () => {
  it('decodes a Namespace as kubectl create namespace sends it', () => {
    const meta = Buffer.concat([
      field(1, 'shop'),
      entry(11, 'team', 'a'),
      entry(11, 'istio-injection', 'enabled'),
      entry(12, 'note', 'x'),
    ]);
    const ns = Buffer.concat([
      field(1, meta),
      field(2, Buffer.alloc(0)),
      field(3, Buffer.alloc(0)),
    ]);
    expect(decodeProtobuf(envelope('Namespace', ns))).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'shop',
        labels: { team: 'a', 'istio-injection': 'enabled' },
        annotations: { note: 'x' },
      },
    });
  });

  it('names kinds it cannot decode and rejects bodies without the magic', () => {
    expect(decodeProtobuf(envelope('Deployment', field(1, field(1, 'web'))))).toEqual({
      unsupported: 'Deployment',
    });
    expect(() => decodeProtobuf(Buffer.from('{"kind":"Namespace"}'))).toThrow('magic');
  });
});
