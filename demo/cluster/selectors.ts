/**
 * Label and field selectors as the apiserver parses them (reference §10). A parse failure is a
 * 400 BadRequest, never a silently empty list.
 */
import { badRequest } from './status';

type LabelOp = 'eq' | 'neq' | 'in' | 'notin' | 'exists' | 'notexists';

/** One clause of a label selector; clauses are ANDed. */
export interface LabelRequirement {
  key: string;
  op: LabelOp;
  values: string[];
}

const KEY =
  /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Splits on commas that are not inside `( … )`. */
function splitTopLevel(input: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of input) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

function checkKey(key: string, whole: string): string {
  if (!KEY.test(key))
    throw badRequest(`unable to parse requirement: invalid label key "${key}" in "${whole}"`);
  return key;
}

function checkValue(value: string, whole: string): string {
  if (!VALUE.test(value) || value.length > 63)
    throw badRequest(`unable to parse requirement: invalid label value: "${value}" in "${whole}"`);
  return value;
}

/** Parses `app=reviews,version in (v1,v2),!canary`; throws 400 on bad syntax. */
export function parseLabelSelector(input: string | null | undefined): LabelRequirement[] {
  if (!input) return [];
  return splitTopLevel(input).map((clause) => {
    let m = /^(\S+?)\s+(in|notin)\s*\(([^)]*)\)$/.exec(clause);
    if (m) {
      const values = m[3]
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
        .map((v) => checkValue(v, input));
      if (values.length === 0)
        throw badRequest(`unable to parse requirement: empty value set in "${input}"`);
      return { key: checkKey(m[1], input), op: m[2] as LabelOp, values };
    }
    m = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(clause);
    if (m) {
      return {
        key: checkKey(m[1], input),
        op: m[2] === '!=' ? 'neq' : 'eq',
        values: [checkValue(m[3], input)],
      };
    }
    m = /^(!?)\s*([^\s!=()]+)$/.exec(clause);
    if (m) return { key: checkKey(m[2], input), op: m[1] ? 'notexists' : 'exists', values: [] };
    throw badRequest(
      `unable to parse requirement: found '${clause}', expected a label requirement in "${input}"`,
    );
  });
}

/** True when `labels` satisfy every requirement. */
export function matchLabels(
  reqs: LabelRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'eq':
        return has && v === r.values[0];
      case 'in':
        return has && r.values.includes(v);
      case 'neq':
        return !has || v !== r.values[0];
      case 'notin':
        return !has || !r.values.includes(v);
      case 'exists':
        return has;
      case 'notexists':
        return !has;
    }
  });
}

/** The label selector equivalent of a `matchLabels` map (Deployment/Service selectors). */
export function selectorFromMap(map: Record<string, string> | undefined): LabelRequirement[] {
  return Object.entries(map ?? {}).map(([key, value]) => ({ key, op: 'eq', values: [value] }));
}

/** One clause of a field selector. */
export interface FieldRequirement {
  field: string;
  negate: boolean;
  value: string;
}

const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];
const EXTRA_FIELDS: Record<string, string[]> = {
  events: [
    'involvedObject.kind',
    'involvedObject.name',
    'involvedObject.namespace',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'type',
    'source',
  ],
  pods: ['spec.nodeName', 'status.phase', 'status.podIP', 'spec.serviceAccountName'],
  namespaces: ['status.phase'],
};

/** Parses `metadata.name=x,status.phase!=Failed` for `plural`; unsupported fields → 400. */
export function parseFieldSelector(
  input: string | null | undefined,
  plural: string,
): FieldRequirement[] {
  if (!input) return [];
  const allowed = [...COMMON_FIELDS, ...(EXTRA_FIELDS[plural] ?? [])];
  return input
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((clause) => {
      const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(clause);
      if (!m) throw badRequest(`invalid selector: '${input}'; can't understand '${clause}'`);
      if (!allowed.includes(m[1])) throw badRequest(`field label not supported: ${m[1]}`);
      return { field: m[1], negate: m[2] === '!=', value: m[3] };
    });
}

function fieldValue(obj: Record<string, unknown>, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined || cur === null ? '' : String(cur);
}

/** True when `obj` satisfies every field requirement. */
export function matchFields(reqs: FieldRequirement[], obj: Record<string, unknown>): boolean {
  return reqs.every((r) => (fieldValue(obj, r.field) === r.value) !== r.negate);
}
