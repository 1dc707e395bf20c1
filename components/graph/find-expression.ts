import type { GraphEdge, GraphNode } from '@/server/model/graph';

/**
 * Find/Hide expressions: a useful subset of Kiali's graph-find syntax, parsed into a predicate
 * over nodes and edges. Grammar (keywords case-insensitive, AND binds tighter than OR):
 *
 *   expr := and ( OR and )*        and := term ( AND term )*
 *   term := '!'? unary | attr op value
 *
 * A term only matches the element kind its attribute belongs to (`app` = nodes, `protocol` =
 * edges, `rps`/`%error`/`health` both), so `app = reviews` never highlights an edge.
 */

export type FindTarget = { kind: 'node'; node: GraphNode } | { kind: 'edge'; edge: GraphEdge };

export type FindResult =
  { ok: true; match: ((t: FindTarget) => boolean) | null } | { ok: false; error: string };

type Op = '=' | '!=' | '>' | '>=' | '<' | '<=';
type Pred = (t: FindTarget) => boolean;

const nodeString = (pick: (n: GraphNode) => string | undefined) => (t: FindTarget) =>
  t.kind === 'node' ? pick(t.node) : undefined;

/** String attributes: name (and aliases) → value getter. */
const STRING_ATTRS: Record<string, (t: FindTarget) => string | undefined> = {
  // A service node carries no app label; `app = ratings` finds its service node too, since
  // Istio's canonical service is named after the Service in the usual one-app-per-service setup.
  app: nodeString((n) => n.app ?? (n.nodeType === 'service' ? n.service : undefined)),
  ns: nodeString((n) => n.namespace),
  namespace: nodeString((n) => n.namespace),
  svc: nodeString((n) => n.service),
  service: nodeString((n) => n.service),
  wl: nodeString((n) => n.workload),
  workload: nodeString((n) => n.workload),
  version: nodeString((n) => n.version),
  node: nodeString((n) => n.nodeType),
  protocol: (t) => (t.kind === 'edge' ? t.edge.protocol : undefined),
  health: (t) => (t.kind === 'node' ? t.node.health : t.edge.health),
};

const errorPercent = (r: GraphNode['inbound']) =>
  r.total > 0 ? ((r.http4xx + r.http5xx + r.noResponse) / r.total) * 100 : 0;

/** Numeric attributes. Node rates are inbound, or outbound for traffic sources (roots). */
const NUMBER_ATTRS: Record<string, (t: FindTarget) => number | undefined> = {
  rps: (t) =>
    t.kind === 'edge' ? t.edge.rps : t.node.isRoot ? t.node.outbound.total : t.node.inbound.total,
  '%error': (t) =>
    t.kind === 'edge'
      ? t.edge.errorRate * 100
      : errorPercent(t.node.isRoot ? t.node.outbound : t.node.inbound),
  '%traffic': (t) => (t.kind === 'edge' ? t.edge.percentOfSource : undefined),
  rt: (t) => (t.kind === 'edge' ? (t.edge.responseTime.p95 ?? t.edge.responseTime.avg) : undefined),
  throughput: (t) => (t.kind === 'edge' ? t.edge.throughput : undefined),
  mtls: (t) => (t.kind === 'edge' ? t.edge.mtlsPercent : undefined),
};
NUMBER_ATTRS['%httperr'] = NUMBER_ATTRS['%error'];
NUMBER_ATTRS['%httptraffic'] = NUMBER_ATTRS['%traffic'];
NUMBER_ATTRS.responsetime = NUMBER_ATTRS.rt;

const badge = (b: GraphNode['badges'][number]) => (t: FindTarget) =>
  t.kind === 'node' && t.node.badges.includes(b);

/** Unary terms (usable with `!`). */
const UNARY: Record<string, Pred> = {
  healthy: (t) => (t.kind === 'node' ? t.node.health : t.edge.health) === 'healthy',
  degraded: (t) => (t.kind === 'node' ? t.node.health : t.edge.health) === 'degraded',
  failure: (t) => (t.kind === 'node' ? t.node.health : t.edge.health) === 'failure',
  idle: (t) => (t.kind === 'node' ? !!t.node.isIdle : !!t.edge.isIdle),
  root: (t) => t.kind === 'node' && !!t.node.isRoot,
  gateway: (t) => t.kind === 'node' && !!t.node.isGateway,
  outside: (t) => t.kind === 'node' && !!t.node.isOutside,
  sidecar: (t) => t.kind === 'node' && t.node.hasSidecar !== false,
  se: (t) => t.kind === 'node' && t.node.nodeType === 'serviceEntry',
  unknown: (t) => t.kind === 'node' && t.node.nodeType === 'unknown',
  vs: badge('virtualService'),
  ts: badge('trafficShifting'),
  rr: badge('requestRouting'),
  fi: badge('faultInjection'),
  cb: badge('circuitBreaker'),
  mirroring: badge('mirroring'),
  timeout: badge('requestTimeout'),
};
UNARY.gw = UNARY.gateway;

const ATTR_HINT = 'rps, %error, %traffic, rt, mtls, app, ns, svc, wl, version, protocol, health';

const TOKEN = /\s*(>=|<=|!=|=|>|<|!|[^\s!=<>]+)/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < src.length && (m = TOKEN.exec(src))) out.push(m[1]);
  return out;
}

const isOp = (s: string | undefined): s is Op =>
  s === '=' || s === '!=' || s === '>' || s === '>=' || s === '<' || s === '<=';
const isKeyword = (s: string | undefined, k: 'AND' | 'OR') =>
  s !== undefined && (s.toUpperCase() === k || (k === 'AND' ? s === '&&' : s === '||'));

function compare(a: number, op: Op, b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
  }
}

class ParseError extends Error {}

function parseTerm(tokens: string[], i: number): [Pred, number] {
  let negate = false;
  if (tokens[i] === '!') {
    negate = true;
    i++;
  }
  const word = tokens[i];
  if (word === undefined || isKeyword(word, 'AND') || isKeyword(word, 'OR'))
    throw new ParseError(`Expected a term${word ? ` before '${word}'` : ' at the end'}`);
  const name = word.toLowerCase();
  const op = tokens[i + 1];
  if (!isOp(op)) {
    const unary = UNARY[name];
    if (!unary) {
      if (STRING_ATTRS[name] || NUMBER_ATTRS[name])
        throw new ParseError(`'${word}' needs an operator and a value, e.g. '${word} = …'`);
      throw new ParseError(`Unknown term '${word}' (try ${ATTR_HINT}, healthy, idle, root)`);
    }
    return [negate ? (t) => !unary(t) : unary, i + 1];
  }
  const raw = tokens[i + 2];
  if (raw === undefined || isKeyword(raw, 'AND') || isKeyword(raw, 'OR'))
    throw new ParseError(`Expected a value after '${word} ${op}'`);
  let pred: Pred;
  const num = NUMBER_ATTRS[name];
  const str = STRING_ATTRS[name];
  if (num) {
    const value = Number(raw.replace(/%$/, ''));
    if (!Number.isFinite(value))
      throw new ParseError(`'${word}' compares numbers; '${raw}' is not a number`);
    pred = (t) => {
      const v = num(t);
      return v !== undefined && compare(v, op, value);
    };
  } else if (str) {
    if (op !== '=' && op !== '!=')
      throw new ParseError(`'${word}' is text: use = or != (not '${op}')`);
    const want = raw.toLowerCase();
    pred = (t) => {
      const v = str(t);
      if (v === undefined) return false;
      return (v.toLowerCase() === want) === (op === '=');
    };
  } else {
    throw new ParseError(`Unknown attribute '${word}' (try ${ATTR_HINT})`);
  }
  return [negate ? (t) => !pred(t) : pred, i + 3];
}

/** Compiles an expression; an empty one yields `match: null` (no filtering). */
export function compileFind(src: string): FindResult {
  const tokens = tokenize(src.trim());
  if (tokens.length === 0) return { ok: true, match: null };
  try {
    const ors: Pred[][] = [[]];
    let i = 0;
    for (;;) {
      const [pred, next] = parseTerm(tokens, i);
      ors[ors.length - 1].push(pred);
      i = next;
      if (i >= tokens.length) break;
      if (isKeyword(tokens[i], 'AND')) i++;
      else if (isKeyword(tokens[i], 'OR')) {
        ors.push([]);
        i++;
      } else throw new ParseError(`Expected AND or OR before '${tokens[i]}'`);
    }
    return { ok: true, match: (t) => ors.some((and) => and.every((p) => p(t))) };
  } catch (err) {
    if (err instanceof ParseError) return { ok: false, error: err.message };
    throw err;
  }
}
