/**
 * Just enough of Kubernetes' protobuf encoding to accept `kubectl create namespace <n>`, which
 * (unlike `create -f`) sends `application/vnd.kubernetes.protobuf`: the `k8s\0` magic, a
 * runtime.Unknown envelope, and the object's ObjectMeta. Other kinds would need their full
 * generated schemas, so they get a 415 that tells the user to send JSON (`kubectl create -f`).
 */
import type { KubeObject, ObjectMeta } from './store';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

interface Field {
  no: number;
  wire: number;
  value: bigint | Buffer;
}

function varint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++];
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
}

/** Splits one protobuf message into its fields (varint and length-delimited only). */
export function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = varint(buf, pos);
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      const [v, p2] = varint(buf, p1);
      out.push({ no, wire, value: v });
      pos = p2;
    } else if (wire === 2) {
      const [len, p2] = varint(buf, p1);
      const end = p2 + Number(len);
      if (end > buf.length) throw new Error('truncated field');
      out.push({ no, wire, value: buf.subarray(p2, end) });
      pos = end;
    } else if (wire === 1) {
      out.push({ no, wire, value: buf.subarray(p1, p1 + 8) });
      pos = p1 + 8;
    } else if (wire === 5) {
      out.push({ no, wire, value: buf.subarray(p1, p1 + 4) });
      pos = p1 + 4;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

const str = (f: Field) => (f.value as Buffer).toString('utf8');

function stringMap(entries: Field[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) {
    const kv = fields(e.value as Buffer);
    const k = kv.find((f) => f.no === 1);
    const v = kv.find((f) => f.no === 2);
    if (k) out[str(k)] = v ? str(v) : '';
  }
  return out;
}

function objectMeta(buf: Buffer): ObjectMeta {
  const fs = fields(buf);
  const one = (no: number) => fs.find((f) => f.no === no);
  const meta: ObjectMeta = { name: one(1) ? str(one(1) as Field) : '' };
  if (one(2)) meta.generateName = str(one(2) as Field);
  if (one(3)) meta.namespace = str(one(3) as Field);
  const labels = fs.filter((f) => f.no === 11);
  const annotations = fs.filter((f) => f.no === 12);
  if (labels.length) meta.labels = stringMap(labels);
  if (annotations.length) meta.annotations = stringMap(annotations);
  return meta;
}

/** Decodes a protobuf body; returns undefined when the kind is not one we can decode. */
export function decodeProtobuf(body: Buffer): KubeObject | { unsupported: string } {
  if (!body.subarray(0, 4).equals(MAGIC)) throw new Error('missing k8s protobuf magic');
  const envelope = fields(body.subarray(4));
  const typeMeta = envelope.find((f) => f.no === 1);
  const raw = envelope.find((f) => f.no === 2);
  const tm = typeMeta ? fields(typeMeta.value as Buffer) : [];
  const apiVersion = tm.find((f) => f.no === 1);
  const kind = tm.find((f) => f.no === 2);
  const kindName = kind ? str(kind) : '';
  if (kindName !== 'Namespace' || !raw) return { unsupported: kindName || 'unknown' };
  const obj = fields(raw.value as Buffer);
  const metaField = obj.find((f) => f.no === 1);
  return {
    apiVersion: apiVersion ? str(apiVersion) : 'v1',
    kind: kindName,
    metadata: metaField ? objectMeta(metaField.value as Buffer) : { name: '' },
  };
}
