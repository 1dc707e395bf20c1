import {
  type BuildResult,
  Problems,
  result,
  subsetRule,
  virtualService,
  type WizardTarget,
} from './common';

export type MatchOp = 'exact' | 'prefix' | 'regex';

/** One condition of a rule: a request header or the URI. */
export interface MatchCondition {
  on: 'header' | 'uri';
  /** Header name (ignored for `uri`). */
  header?: string;
  op: MatchOp;
  value: string;
}

/** Requests matching all conditions go to `subset`. */
export interface RoutingRule {
  conditions: MatchCondition[];
  subset: string;
}

export interface RequestRoutingForm {
  /** Evaluated in order; the first match wins (Istio semantics). */
  rules: RoutingRule[];
  /** Where everything else goes. */
  defaultSubset: string;
}

const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

function match(conditions: MatchCondition[]): Record<string, unknown> {
  const m: Record<string, unknown> = {};
  const headers: Record<string, unknown> = {};
  for (const c of conditions) {
    if (c.on === 'uri') m.uri = { [c.op]: c.value };
    else headers[(c.header ?? '').toLowerCase()] = { [c.op]: c.value };
  }
  if (Object.keys(headers).length) m.headers = headers;
  return m;
}

/**
 * Header/URI matches → subsets, then a default route (S12/S13: `end-user: jason` → v2, everyone
 * else → v3). Emits a DestinationRule with one subset per version so every route resolves.
 */
export function buildRequestRouting(t: WizardTarget, form: RequestRoutingForm): BuildResult {
  const p = new Problems();
  p.need(t.versions.length > 0, `Service ${t.service} has no workloads with a version label`);
  const known = (s: string) => t.versions.includes(s);
  p.need(known(form.defaultSubset), `Choose the version that gets all other requests`);
  form.rules.forEach((r, i) => {
    const n = `Rule ${i + 1}`;
    p.need(r.conditions.length > 0, `${n}: add a header or URI condition`);
    p.need(known(r.subset), `${n}: choose a version`);
    r.conditions.forEach((c) => {
      p.need(c.value.trim() !== '', `${n}: every condition needs a value`);
      if (c.on === 'header') {
        p.need(
          HEADER_NAME.test((c.header ?? '').toLowerCase()),
          `${n}: "${c.header ?? ''}" is not a header name`,
        );
      }
      if (c.op === 'regex') {
        try {
          new RegExp(c.value);
        } catch {
          p.need(false, `${n}: "${c.value}" is not a valid regular expression`);
        }
      }
    });
    p.need(
      r.conditions.filter((c) => c.on === 'uri').length <= 1,
      `${n}: use at most one URI condition`,
    );
  });
  return result(p, () => [
    virtualService(t, 'request-routing', [
      ...form.rules.map((r, i) => ({
        name: `rule-${i + 1}`,
        match: [match(r.conditions)],
        route: [{ destination: { host: t.service, subset: r.subset } }],
      })),
      {
        name: 'default',
        route: [{ destination: { host: t.service, subset: form.defaultSubset } }],
      },
    ]),
    subsetRule(t, 'request-routing'),
  ]);
}
