/**
 * HTTP routing for the demo cluster: /version, discovery, OpenAPI, and the resource paths
 * `/api/v1/...` and `/apis/<g>/<v>/...`, mapped to verbs by method and query. Every failure is a
 * Kubernetes Status with the matching HTTP code.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { ClusterApi, type DeletePreconditions, type Target, type WriteOptions } from './api';
import {
  aggregatedContentType,
  aggregatedDiscovery,
  aggregatedFormat,
  legacyCore,
  legacyGroup,
  legacyGroups,
  resourceList,
} from './discovery';
import { openApiDoc, openApiIndex } from './openapi';
import { paginate } from './paging';
import { jsonPatch, mergePatch, patchKind } from './patch';
import { decodeProtobuf, PROTOBUF } from './protobuf';
import { findResource } from './resources';
import {
  ApiError,
  badRequest,
  methodNotAllowed,
  unknownPath,
  unsupportedMediaType,
} from './status';
import { TABLE_CONTENT_TYPE, toTable, wantsTable } from './table';
import { serveWatch } from './watch';

export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-meshscope-demo',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const MAX_BODY = 8 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ApiError(413, 'RequestEntityTooLarge', 'the request body is too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  contentType = 'application/json',
  warnings: string[] = [],
) {
  const headers: Record<string, string | string[]> = {
    'Content-Type': contentType,
    'Cache-Control': 'no-cache, private',
  };
  if (warnings.length) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(code, headers);
  res.end(JSON.stringify(body));
}

function parseJsonBody(buf: Buffer, contentType?: string): unknown {
  if (buf.length === 0) return undefined;
  if ((contentType ?? '').startsWith(PROTOBUF)) {
    let decoded: ReturnType<typeof decodeProtobuf>;
    try {
      decoded = decodeProtobuf(buf);
    } catch (err) {
      throw badRequest(`unable to decode protobuf body: ${(err as Error).message}`);
    }
    if ('unsupported' in decoded) {
      throw unsupportedMediaType(
        `the demo cluster decodes protobuf only for Namespace (got ${decoded.unsupported}); send application/json, e.g. kubectl create -f <file>`,
      );
    }
    return decoded;
  }
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch (err) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(err as Error).message}`);
  }
}

function writeOptions(q: URLSearchParams): WriteOptions {
  const fv = q.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(fv)) {
    throw badRequest(`fieldValidation must be one of "Strict", "Warn", "Ignore", got "${fv}"`);
  }
  const dryRun = q.getAll('dryRun');
  if (dryRun.some((d) => d !== 'All'))
    throw badRequest(`dryRun: Unsupported value: "${dryRun.join(',')}": supported values: "All"`);
  return {
    dryRun: dryRun.length > 0,
    fieldManager: q.get('fieldManager') ?? undefined,
    fieldValidation: fv as WriteOptions['fieldValidation'],
  };
}

/** Resolves `/api/v1/...` or `/apis/<g>/<v>/...` to a target, or undefined if it is not one. */
export function resolveTarget(segs: string[]): Target | undefined {
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 3) {
    [group, version, rest] = ['', segs[1], segs.slice(2)];
  } else if (segs[0] === 'apis' && segs.length >= 4) {
    [group, version, rest] = [segs[1], segs[2], segs.slice(3)];
  } else return undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const resource = findResource(group, version, rest[2]);
    if (resource?.namespaced && rest.length <= 5) {
      return { resource, version, namespace: rest[1], name: rest[3], subresource: rest[4] };
    }
  }
  const resource = findResource(group, version, rest[0]);
  if (!resource || rest.length > 3) return undefined;
  return { resource, version, name: rest[1], subresource: rest[2] };
}

export interface HandlerOptions {
  bookmarkMs: number;
  log: (msg: string) => void;
}

/** The request handler; `watches` tracks open watch streams so close() can end them. */
export function createApiServer(
  api: ClusterApi,
  opts: HandlerOptions,
): { server: Server; closeWatches: () => void } {
  const watches = new Set<() => void>();
  const server = createServer((req, res) => {
    handle(api, opts, watches, req, res).catch((err: unknown) => {
      const e =
        err instanceof ApiError
          ? err
          : new ApiError(
              500,
              'InternalError',
              `Internal error occurred: ${(err as Error).message}`,
            );
      if (e.code >= 500)
        opts.log(`${req.method} ${req.url}: ${(err as Error).stack ?? String(err)}`);
      if (res.headersSent) {
        res.end();
        return;
      }
      sendJson(res, e.code, e.toStatus());
    });
  });
  return { server, closeWatches: () => [...watches].forEach((stop) => stop()) };
}

async function handle(
  api: ClusterApi,
  opts: HandlerOptions,
  watches: Set<() => void>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://cluster.local');
  const q = url.searchParams;
  const segs = url.pathname
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  const method = req.method ?? 'GET';
  const accept = req.headers.accept;
  const path = url.pathname.replace(/\/+$/, '') || '/';

  if (method === 'GET') {
    if (path === '/version') return sendJson(res, 200, VERSION_INFO);
    if (path === '/healthz' || path === '/livez' || path === '/readyz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (path === '/api' || path === '/apis') {
      const format = aggregatedFormat(accept);
      if (format)
        return sendJson(
          res,
          200,
          aggregatedDiscovery(path === '/api', format),
          aggregatedContentType(format),
        );
      return sendJson(
        res,
        200,
        path === '/api' ? legacyCore(req.headers.host ?? '127.0.0.1') : legacyGroups(),
      );
    }
    if (path === '/api/v1' || (segs[0] === 'apis' && segs.length === 3)) {
      const list = segs[0] === 'api' ? resourceList('', 'v1') : resourceList(segs[1], segs[2]);
      if (list) return sendJson(res, 200, list);
      throw unknownPath();
    }
    if (segs[0] === 'apis' && segs.length === 2) {
      const g = legacyGroup(segs[1]);
      if (g) return sendJson(res, 200, g);
      throw unknownPath();
    }
    if (path === '/openapi/v3') return sendJson(res, 200, openApiIndex());
    if (segs[0] === 'openapi' && segs[1] === 'v3') {
      const doc = segs[2] === 'api' ? openApiDoc('', segs[3]) : openApiDoc(segs[3], segs[4]);
      if (doc) return sendJson(res, 200, doc);
      throw unknownPath();
    }
  }

  const t = resolveTarget(segs);
  if (!t) throw unknownPath();
  const r = t.resource;
  if (t.subresource && !r.subresources.includes(t.subresource)) throw unknownPath();
  if (t.subresource === 'scale') return handleScale(api, t, method, req, res, q);

  const table = wantsTable(accept);
  const collection = t.name === undefined;
  switch (method) {
    case 'GET': {
      const watch = q.get('watch');
      if (watch === 'true' || watch === '1') {
        const timeout = Number(q.get('timeoutSeconds') ?? '0');
        serveWatch(
          api,
          t,
          {
            resourceVersion: q.get('resourceVersion'),
            labelSelector: q.get('labelSelector'),
            fieldSelector: q.get('fieldSelector'),
            allowWatchBookmarks: q.get('allowWatchBookmarks') === 'true',
            timeoutSeconds: Number.isFinite(timeout) ? timeout : 0,
            table,
          },
          res,
          opts.bookmarkMs,
          (stop) => {
            watches.add(stop);
            return () => watches.delete(stop);
          },
        );
        return;
      }
      if (collection) {
        const page = paginate(
          api.list(t, q.get('labelSelector'), q.get('fieldSelector')),
          q.get('limit'),
          q.get('continue'),
        );
        const more =
          page.continue === undefined
            ? {}
            : { continue: page.continue, remainingItemCount: page.remainingItemCount };
        if (table) {
          const tbl = toTable(r, page.items, String(api.store.resourceVersion));
          return sendJson(
            res,
            200,
            { ...tbl, metadata: { ...tbl.metadata, ...more } },
            TABLE_CONTENT_TYPE,
          );
        }
        const list = api.listObject(t, page.items);
        return sendJson(res, 200, { ...list, metadata: { ...list.metadata, ...more } });
      }
      const obj = api.get(t);
      if (table)
        return sendJson(
          res,
          200,
          toTable(r, [obj], obj.metadata.resourceVersion ?? ''),
          TABLE_CONTENT_TYPE,
        );
      return sendJson(res, 200, obj);
    }
    case 'POST': {
      if (!collection || t.subresource) throw methodNotAllowed();
      const result = api.create(
        t,
        parseJsonBody(await readBody(req), req.headers['content-type']),
        writeOptions(q),
      );
      return sendJson(res, result.code, result.object, 'application/json', result.warnings);
    }
    case 'PUT': {
      if (collection) throw methodNotAllowed();
      const result = api.update(
        t,
        parseJsonBody(await readBody(req), req.headers['content-type']),
        writeOptions(q),
      );
      return sendJson(res, result.code, result.object, 'application/json', result.warnings);
    }
    case 'PATCH': {
      if (collection) throw methodNotAllowed();
      const body = await readBody(req);
      const result = api.patch(t, body, req.headers['content-type'], {
        ...writeOptions(q),
        force: q.get('force') === 'true',
      });
      return sendJson(res, result.code, result.object, 'application/json', result.warnings);
    }
    case 'DELETE': {
      const opts = writeOptions(q);
      const body = parseJsonBody(await readBody(req), req.headers['content-type']) as
        | { propagationPolicy?: string; dryRun?: string[]; preconditions?: DeletePreconditions }
        | undefined;
      const dryRun = opts.dryRun || (body?.dryRun ?? []).includes('All');
      const orphan = (q.get('propagationPolicy') ?? body?.propagationPolicy) === 'Orphan';
      if (collection) {
        return sendJson(
          res,
          200,
          api.deleteCollection(t, q.get('labelSelector'), q.get('fieldSelector'), dryRun),
        );
      }
      if (t.subresource) throw methodNotAllowed();
      return sendJson(
        res,
        200,
        api.delete(t, { dryRun, orphan, preconditions: body?.preconditions }),
      );
    }
    default:
      throw methodNotAllowed();
  }
}

/** `deployments/scale` and `replicasets/scale` as autoscaling/v1 Scale objects. */
async function handleScale(
  api: ClusterApi,
  t: Target,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
  q: URLSearchParams,
) {
  const toScale = (o: ReturnType<ClusterApi['get']>) => {
    const spec = (o.spec ?? {}) as {
      replicas?: number;
      selector?: { matchLabels?: Record<string, string> };
    };
    const status = (o.status ?? {}) as { replicas?: number };
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: o.metadata.name,
        namespace: o.metadata.namespace,
        uid: o.metadata.uid,
        resourceVersion: o.metadata.resourceVersion,
        creationTimestamp: o.metadata.creationTimestamp,
      },
      spec: { replicas: spec.replicas ?? 1 },
      status: {
        replicas: status.replicas ?? 0,
        selector: Object.entries(spec.selector?.matchLabels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
      },
    };
  };
  const main: Target = { ...t, subresource: undefined };
  if (method === 'GET') return sendJson(res, 200, toScale(api.get(main)));
  if (method !== 'PUT' && method !== 'PATCH') throw methodNotAllowed();
  const body = await readBody(req);
  const current = toScale(api.get(main));
  let next: { spec?: { replicas?: unknown }; metadata?: { resourceVersion?: string } };
  if (method === 'PUT') next = parseJsonBody(body) as typeof next;
  else {
    const kind = patchKind(req.headers['content-type'], false);
    const patch = JSON.parse(body.toString('utf8')) as unknown;
    next = (
      kind === 'json' ? jsonPatch(current, patch) : mergePatch(current, patch)
    ) as typeof next;
  }
  const replicas = next?.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw new ApiError(
      422,
      'Invalid',
      `Scale.autoscaling "${current.metadata.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
    );
  }
  const rv = method === 'PUT' ? next.metadata?.resourceVersion : undefined;
  const result = api.patch(
    main,
    Buffer.from(
      JSON.stringify({ metadata: rv ? { resourceVersion: rv } : {}, spec: { replicas } }),
    ),
    'application/merge-patch+json',
    writeOptions(q),
  );
  return sendJson(res, 200, toScale(result.object));
}
