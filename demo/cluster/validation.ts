/**
 * Validation of Istio objects against their real schemas, via `@kubernetes-models/istio`
 * (generated from Istio's CRDs). The served versions share one schema (reference §12), so one
 * model per kind validates all of them. ajv errors become Kubernetes field causes; unknown fields
 * are found by walking the same schema, which the models do not expose directly: a probe with a
 * non-object `spec` makes ajv (verbose mode) hand back the spec schema as `parentSchema`.
 */
import { EnvoyFilter } from '@kubernetes-models/istio/networking.istio.io/v1alpha3/EnvoyFilter';
import { DestinationRule } from '@kubernetes-models/istio/networking.istio.io/v1beta1/DestinationRule';
import { Gateway } from '@kubernetes-models/istio/networking.istio.io/v1beta1/Gateway';
import { ServiceEntry } from '@kubernetes-models/istio/networking.istio.io/v1beta1/ServiceEntry';
import { Sidecar } from '@kubernetes-models/istio/networking.istio.io/v1beta1/Sidecar';
import { VirtualService } from '@kubernetes-models/istio/networking.istio.io/v1beta1/VirtualService';
import { WorkloadEntry } from '@kubernetes-models/istio/networking.istio.io/v1beta1/WorkloadEntry';
import { WorkloadGroup } from '@kubernetes-models/istio/networking.istio.io/v1beta1/WorkloadGroup';
import { AuthorizationPolicy } from '@kubernetes-models/istio/security.istio.io/v1beta1/AuthorizationPolicy';
import { PeerAuthentication } from '@kubernetes-models/istio/security.istio.io/v1beta1/PeerAuthentication';
import { RequestAuthentication } from '@kubernetes-models/istio/security.istio.io/v1beta1/RequestAuthentication';

import type { StatusCause } from './status';

/** The part of an ajv error we read (verbose mode adds `data` and `parentSchema`). */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
  data?: unknown;
  parentSchema?: Schema;
}

/** The subset of OpenAPI v3 schema the unknown-field walk needs. */
export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: boolean | Schema;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

interface Validating {
  validate(): void;
}
/** A generated model class: its statics say which kind and apiVersion its schema checks. */
type ModelClass = (new (data: Record<string, unknown>) => Validating) & {
  kind: string;
  apiVersion: string;
};

// v1beta1 models for all but EnvoyFilter (v1alpha3 only): the served versions share one schema.
const MODELS = new Map(
  (
    [
      VirtualService,
      DestinationRule,
      Gateway,
      ServiceEntry,
      Sidecar,
      WorkloadEntry,
      WorkloadGroup,
      EnvoyFilter,
      PeerAuthentication,
      AuthorizationPolicy,
      RequestAuthentication,
    ] as unknown as ModelClass[]
  ).map((m) => [m.kind, m]),
);

/** `/spec/http/0/route/0/weight` → `spec.http[0].route[0].weight`. */
export function fieldPath(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').filter((p) => p !== '');
  if (extra) parts.push(extra);
  let out = '';
  for (const p of parts) {
    const seg = p.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(seg) ? `[${seg}]` : out ? `.${seg}` : seg;
  }
  return out;
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'object' && v !== null) return Array.isArray(v) ? '"array"' : '"object"';
  return String(v);
}

/** Maps ajv errors to Kubernetes causes with the apiserver's reasons and wording. */
export function causesFromErrors(errors: SchemaError[]): StatusCause[] {
  const seen = new Set<string>();
  const out: StatusCause[] = [];
  for (const e of errors) {
    // oneOf/anyOf summaries repeat a more specific error or describe protobuf oneofs.
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue;
    let cause: StatusCause;
    if (e.keyword === 'required') {
      cause = {
        reason: 'FieldValueRequired',
        message: 'Required value',
        field: fieldPath(e.instancePath, String(e.params.missingProperty)),
      };
    } else if (e.keyword === 'type') {
      const field = fieldPath(e.instancePath);
      const got = Array.isArray(e.data) ? 'array' : e.data === null ? 'null' : typeof e.data;
      cause = {
        reason: 'FieldValueTypeInvalid',
        message: `Invalid value: "${got}": ${field} in body must be of type ${String(e.params.type)}: ${show(e.data)}`,
        field,
      };
    } else if (e.keyword === 'enum') {
      const allowed = ((e.params.allowedValues as unknown[]) ?? [])
        .map((v) => JSON.stringify(v))
        .join(', ');
      cause = {
        reason: 'FieldValueNotSupported',
        message: `Unsupported value: ${show(e.data)}: supported values: ${allowed}`,
        field: fieldPath(e.instancePath),
      };
    } else {
      const field = fieldPath(e.instancePath);
      cause = {
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${show(e.data)}: ${field} in body ${e.message ?? 'is invalid'}`,
        field,
      };
    }
    const key = `${cause.field}|${cause.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(cause);
    }
  }
  return out;
}

/** True when the kind is an Istio kind this module validates. */
export function hasSchema(kind: string): boolean {
  return MODELS.has(kind);
}

/** Schema causes for an Istio object (empty when valid or when the kind has no model). */
export function validateIstio(obj: Record<string, unknown>): StatusCause[] {
  const model = MODELS.get(String(obj.kind));
  if (!model) return [];
  // Validate the body only: metadata is checked by validateMeta, status is free-form.
  const data: Record<string, unknown> = { apiVersion: model.apiVersion, kind: obj.kind };
  if (obj.spec !== undefined) data.spec = obj.spec;
  try {
    new model(data).validate();
    return [];
  } catch (err) {
    const errors = (err as { errors?: SchemaError[] }).errors;
    if (!errors) throw err;
    return causesFromErrors(errors);
  }
}

const specSchemas = new Map<string, Schema | null>();

/** The spec schema of an Istio kind, taken from the model via a failing probe. */
export function specSchema(kind: string): Schema | undefined {
  if (!specSchemas.has(kind)) {
    let found: Schema | null = null;
    const model = MODELS.get(kind);
    if (model) {
      try {
        new model({ apiVersion: model.apiVersion, kind, spec: 0 }).validate();
      } catch (err) {
        const errors = (err as { errors?: SchemaError[] }).errors ?? [];
        found =
          errors.find((e) => e.instancePath === '/spec' && e.keyword === 'type')?.parentSchema ??
          null;
      }
    }
    specSchemas.set(kind, found);
  }
  return specSchemas.get(kind) ?? undefined;
}

const TOP_LEVEL = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
const META_FIELDS = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

/**
 * Dotted paths of fields the schema does not know (what Strict field validation rejects). With
 * `prune`, also removes them in place, as the apiserver prunes custom resources under Warn/Ignore.
 */
export function unknownFields(obj: Record<string, unknown>, prune = false): string[] {
  const out: string[] = [];
  for (const k of Object.keys(obj)) {
    if (TOP_LEVEL.has(k)) continue;
    out.push(k);
    if (prune) delete obj[k];
  }
  if (obj.metadata && typeof obj.metadata === 'object') {
    const meta = obj.metadata as Record<string, unknown>;
    for (const k of Object.keys(meta)) {
      if (META_FIELDS.has(k)) continue;
      out.push(`metadata.${k}`);
      if (prune) delete meta[k];
    }
  }
  const schema = specSchema(String(obj.kind));
  if (schema && obj.spec !== undefined) walk(obj.spec, schema, 'spec', out, prune);
  return out;
}

function walk(value: unknown, schema: Schema, path: string, out: string[], prune: boolean): void {
  if (schema['x-kubernetes-preserve-unknown-fields']) return;
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items) value.forEach((v, i) => walk(v, items, `${path}[${i}]`, out, prune));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const props = schema.properties;
  const extra = schema.additionalProperties;
  const record = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(record)) {
    if (props && props[k]) walk(v, props[k], `${path}.${k}`, out, prune);
    else if (typeof extra === 'object') walk(v, extra, `${path}.${k}`, out, prune);
    // An object schema without properties is free-form (protobuf Struct/Any): accept anything.
    else if (props && Object.keys(props).length > 0 && extra !== true) {
      out.push(`${path}.${k}`);
      if (prune) delete record[k];
    }
  }
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Name checks the apiserver applies to every object (`labelName` for namespaces/services). */
export function validateName(name: unknown, labelName: boolean): StatusCause[] {
  if (typeof name !== 'string' || name === '') {
    return [
      {
        reason: 'FieldValueRequired',
        message: 'Required value: name or generateName is required',
        field: 'metadata.name',
      },
    ];
  }
  const ok = labelName
    ? DNS_LABEL.test(name) && name.length <= 63
    : DNS_SUBDOMAIN.test(name) && name.length <= 253;
  if (ok) return [];
  const rule = labelName
    ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
    : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  return [
    {
      reason: 'FieldValueInvalid',
      message: `Invalid value: "${name}": ${rule}`,
      field: 'metadata.name',
    },
  ];
}
