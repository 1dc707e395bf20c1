import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { envelope, errorEnvelope, toClassicTrace } from './classic-json';
import { toOtlpResourceSpans, toTraceSummary } from './otlp-json';
import {
  ParamError,
  parseClassicGetTrace,
  parseClassicSearch,
  parseDependencies,
  parseSpanKind,
  parseV3GetTrace,
  parseV3Search,
} from './search';
import { parseSpanBatch } from './span-schema';
import type { StoredTrace, TraceStore } from './store';
import { classicTraceId } from './trace-id';

/**
 * The HTTP face of the trace store: Jaeger's classic query API and api_v3, with Jaeger's
 * envelopes, status codes and (Go) error texts, so the console's Jaeger client is tested
 * against the same wire format a real Jaeger serves.
 */

export interface TraceServerOptions {
  /** Clock in ms since the epoch; tests pin it. */
  now?: () => number;
  log?: (msg: string) => void;
}

/** Largest ingestion body accepted on `POST /api/demo/spans`. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

type Api = 'classic' | 'v3';

/** A handled failure: status plus message, rendered in the envelope of the API it hit. */
class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, pretty = false): void {
  const text = pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json' });
  // Jaeger's classic handler uses json.Encoder, which ends with a newline.
  res.end(`${text}\n`);
}

/** Go's `http.Error`: the JSON envelope goes out as text/plain, as Jaeger sends it. */
function sendGoError(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(`${JSON.stringify(body)}\n`);
}

function sendFailure(res: ServerResponse, api: Api, status: number, msg: string): void {
  if (api === 'v3') sendGoError(res, status, { error: { httpCode: status, message: msg } });
  else sendGoError(res, status, errorEnvelope(status, msg));
}

function prettyPrint(params: URLSearchParams): boolean {
  const v = params.get('prettyPrint');
  return !!v && v !== 'false';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpFailure(413, `request body larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Creates (does not start) the HTTP server for `store`. */
export function createTraceServer(store: TraceStore, opts: TraceServerOptions = {}): Server {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => {});

  const classicTraces = (traces: StoredTrace[], raw: boolean) =>
    traces.map((t) => toClassicTrace(t, { raw, maxSpans: store.maxSpans }));

  /** Routes one request; returns false when no route matched. */
  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    params: URLSearchParams,
  ): Promise<boolean> {
    const pretty = prettyPrint(params);
    let m: RegExpExecArray | null;

    // ---- classic
    if (path === '/api/services') {
      const services = store.services();
      sendJson(res, 200, envelope(services, { total: services.length }), pretty);
    } else if ((m = /^\/api\/services\/([^/]+)\/operations$/.exec(path))) {
      const names = [...new Set(store.operationsOf(decodeURIComponent(m[1])).map((o) => o.name))];
      // Go's nil slice: an unknown service gets `"data":null`, as in Jaeger.
      sendJson(res, 200, envelope(names.length ? names : null, { total: names.length }), pretty);
    } else if (path === '/api/operations') {
      const service = params.get('service');
      if (!service) throw new ParamError("parameter 'service' is required");
      const ops = store.operationsOf(service, parseSpanKind(params.get('spanKind'), 'spanKind'));
      sendJson(res, 200, envelope(ops, { total: ops.length }), pretty);
    } else if (path === '/api/traces') {
      const s = parseClassicSearch(params, now() * 1000);
      if (s.traceIds.length > 0) {
        const found: StoredTrace[] = [];
        const errors = [];
        for (const id of s.traceIds) {
          const t = store.get(id);
          if (t) found.push(t);
          else errors.push({ msg: 'trace not found', traceID: classicTraceId(id) });
        }
        sendJson(res, 200, envelope(classicTraces(found, s.raw), { errors }), pretty);
      } else {
        sendJson(res, 200, envelope(classicTraces(store.find(s.query), s.raw)), pretty);
      }
    } else if ((m = /^\/api\/traces\/([^/]*)$/.exec(path))) {
      const { id, raw } = parseClassicGetTrace(decodeURIComponent(m[1]), params);
      const t = store.get(id);
      if (!t) throw new HttpFailure(404, 'trace not found');
      sendJson(res, 200, envelope(classicTraces([t], raw)), pretty);
    } else if (path === '/api/dependencies') {
      const { endUs, lookbackUs, service } = parseDependencies(params, now());
      const links = store
        .dependencies(endUs, lookbackUs)
        .filter((l) => !service || l.parent === service || l.child === service);
      sendJson(res, 200, envelope(links), pretty);
    }
    // ---- api_v3
    else if (path === '/api/v3/services') {
      sendJson(res, 200, { services: store.services() });
    } else if (path === '/api/v3/operations') {
      const kindParam = params.get('spanKind') ? 'spanKind' : 'span_kind';
      const kind = parseSpanKind(params.get(kindParam), kindParam);
      const ops = store.operationsOf(params.get('service') ?? '', kind);
      // api_v3 reports a span without a kind as `internal`.
      const operations = ops.map((o) => ({ name: o.name, spanKind: o.spanKind || 'internal' }));
      sendJson(res, 200, { operations });
    } else if (path === '/api/v3/traces' || path === '/api/v3/trace-summaries') {
      const { query } = parseV3Search(params);
      const traces = store.find(query);
      if (traces.length === 0) throw new HttpFailure(404, 'No traces found');
      if (path === '/api/v3/traces') {
        sendJson(res, 200, { result: { resourceSpans: traces.flatMap(toOtlpResourceSpans) } });
      } else {
        sendJson(res, 200, { summaries: traces.map(toTraceSummary) });
      }
    } else if ((m = /^\/api\/v3\/traces\/([^/]*)$/.exec(path))) {
      const { id } = parseV3GetTrace(decodeURIComponent(m[1]), params);
      const t = store.get(id);
      if (!t) throw new HttpFailure(404, 'No traces found');
      sendJson(res, 200, { result: { resourceSpans: toOtlpResourceSpans(t) } });
    }
    // ---- demo ingestion (not part of Jaeger): lets out-of-process workloads push spans.
    else if (path === '/api/demo/spans') {
      const body = await readBody(req);
      const spans = parseSpanBatch(body);
      store.addSpans(spans);
      sendJson(res, 202, { accepted: spans.length, spanCount: store.spanCount });
    } else if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`Meshscope demo trace store: ${store.traceCount} traces, ${store.spanCount} spans\n`);
    } else {
      return false;
    }
    return true;
  }

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const api: Api = path.startsWith('/api/v3/') ? 'v3' : 'classic';
    const isIngest = path === '/api/demo/spans';
    const allowed = isIngest ? ['POST'] : ['GET', 'HEAD'];
    if (!allowed.includes(req.method ?? '')) {
      res.writeHead(405, {
        'Content-Type': 'text/plain; charset=utf-8',
        Allow: allowed.join(', '),
      });
      res.end('Method Not Allowed\n');
      return;
    }
    route(req, res, path, url.searchParams)
      .then((handled) => {
        if (!handled) {
          res.writeHead(404, {
            'Content-Type': 'text/plain; charset=utf-8',
            'X-Content-Type-Options': 'nosniff',
          });
          res.end('404 page not found\n');
        }
      })
      .catch((err: unknown) => {
        if (res.headersSent) return;
        if (err instanceof ParamError) sendFailure(res, api, 400, err.message);
        else if (err instanceof HttpFailure) sendFailure(res, api, err.status, err.message);
        else if (err instanceof URIError) sendFailure(res, api, 400, err.message);
        else {
          log(`trace store: ${req.method} ${req.url} failed: ${(err as Error).stack ?? err}`);
          sendFailure(res, api, 500, (err as Error).message ?? String(err));
        }
      });
  });
}
