import 'server-only';

import { parseAllDocuments } from 'yaml';

import { AppError } from '@/server/http/app-error';
import {
  ISTIO_KINDS,
  type IstioKind,
  type IstioObject,
  kindFromSegment,
} from '@/server/model/istio-config';

import { type KindInfo, kindInfo } from './kinds';

/** DNS-1123 subdomain: what Kubernetes accepts as an object name. */
export const OBJECT_NAME =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** DNS-1123 label: what Kubernetes accepts as a namespace name. */
export const NAMESPACE_NAME = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A parsed write request: the object plus where it goes in the API. */
export interface ParsedObject {
  object: IstioObject;
  info: KindInfo;
  /** The version the user wrote (`v1alpha3` stays `v1alpha3`). */
  version: string;
}

/** The kind for a URL segment, or a 400 listing the kinds we serve. */
export function kindOrThrow(segment: string): IstioKind {
  const kind = kindFromSegment(segment);
  if (!kind) {
    throw new AppError(
      'bad_request',
      `"${segment}" is not an Istio config kind; use one of ${ISTIO_KINDS.join(', ')}`,
    );
  }
  return kind;
}

/** Reads YAML (or JSON, which is YAML) text holding exactly one object. */
export function parseYamlObject(text: string): unknown {
  const docs = parseAllDocuments(text).filter((d) => d.contents !== null || d.errors.length);
  for (const d of docs) {
    const e = d.errors[0];
    if (e) {
      const line = e.linePos?.[0];
      const where = line ? ` at line ${line.line}, column ${line.col}` : '';
      throw new AppError('bad_request', `YAML is not valid${where}: ${firstLine(e.message)}`);
    }
  }
  if (docs.length === 0) throw new AppError('bad_request', 'The YAML holds no object');
  if (docs.length > 1) {
    throw new AppError('bad_request', `The YAML holds ${docs.length} objects; send one at a time`);
  }
  return docs[0].toJS();
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

/**
 * Checks what we must know before sending a write: an Istio kind, an apiVersion of its group,
 * a valid name, the namespace of the URL (filled in when absent), and for an update that the
 * body is the object the URL names. The schema of `spec` is the API server's business.
 */
export function parseIstioObject(
  input: unknown,
  namespace: string,
  expected?: { kind: IstioKind; name: string },
): ParsedObject {
  const raw = typeof input === 'string' ? parseYamlObject(input) : input;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new AppError('bad_request', 'The body must be one Kubernetes object');
  }
  const o = raw as Record<string, unknown>;
  if (typeof o.kind !== 'string' || !o.kind) throw new AppError('bad_request', 'kind: required');
  const kind = ISTIO_KINDS.find((k) => k === o.kind);
  if (!kind) {
    throw new AppError(
      'bad_request',
      `kind: "${o.kind}" is not an Istio config kind; use one of ${ISTIO_KINDS.join(', ')}`,
    );
  }
  const info = kindInfo(kind);
  const [group, version] = typeof o.apiVersion === 'string' ? o.apiVersion.split('/') : [];
  if (group !== info.group || !version || !info.versions.includes(version)) {
    const allowed = info.versions.map((v) => `${info.group}/${v}`).join(', ');
    throw new AppError(
      'bad_request',
      `apiVersion: ${kind} needs one of ${allowed}, not "${String(o.apiVersion ?? '')}"`,
    );
  }
  const metadata = o.metadata;
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new AppError('bad_request', 'metadata: required');
  }
  const meta = { ...(metadata as Record<string, unknown>) };
  if (typeof meta.name !== 'string' || !OBJECT_NAME.test(meta.name)) {
    throw new AppError(
      'bad_request',
      `metadata.name: "${String(meta.name ?? '')}" is not a valid name (lower-case letters, digits, "-" and ".")`,
    );
  }
  if (meta.namespace !== undefined && meta.namespace !== namespace) {
    throw new AppError(
      'bad_request',
      `metadata.namespace: "${String(meta.namespace)}" does not match the namespace "${namespace}" of the request`,
    );
  }
  meta.namespace = namespace;
  if (expected && (expected.kind !== kind || expected.name !== meta.name)) {
    throw new AppError(
      'bad_request',
      `The body is ${kind} "${meta.name}" but the URL names ${expected.kind} "${expected.name}"`,
    );
  }
  const object = { ...o, metadata: meta } as IstioObject;
  return { object, info, version };
}
