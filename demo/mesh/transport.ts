import http from 'node:http';
import net from 'node:net';

import * as grpc from '@grpc/grpc-js';

import type { MeshProtocol } from './snapshot';
import type { MeshRequest, MeshResponse } from './wire';

/** Serves one replica's inbound traffic; resolves with what the app answered. */
export type InboundHandler = (req: MeshRequest) => Promise<MeshResponse>;

export interface Listener {
  port: number;
  close(): Promise<void>;
}

/** Thrown when the upstream never answered (connection refused/reset, aborted by a timeout). */
export class NoResponse extends Error {
  constructor(
    message: string,
    /** `connect-failure` or `reset`, as Envoy's retry_on names them. */
    readonly reason: 'connect-failure' | 'reset',
  ) {
    super(message);
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

const GRPC_METHOD = '/meshscope.demo.Mesh/Call';
const identity = (b: Buffer) => b;
const GRPC_SERVICE: grpc.ServiceDefinition = {
  Call: {
    path: GRPC_METHOD,
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  },
};

/** Starts a listener for `protocol` on 127.0.0.1 (ephemeral port) that feeds `handler`. */
export function listen(
  protocol: MeshProtocol,
  handler: InboundHandler,
  host = '127.0.0.1',
): Promise<Listener> {
  if (protocol === 'grpc') return listenGrpc(handler, host);
  if (protocol === 'tcp') return listenTcp(handler, host);
  return listenHttp(handler, host);
}

/** Sends a request to a replica; throws NoResponse when nothing comes back. */
export function send(
  protocol: MeshProtocol,
  port: number,
  req: MeshRequest,
  signal: AbortSignal,
  host = '127.0.0.1',
): Promise<MeshResponse> {
  if (protocol === 'grpc') return sendGrpc(host, port, req, signal);
  if (protocol === 'tcp') return sendTcp(host, port, req, signal);
  return sendHttp(host, port, req, signal);
}

function listenHttp(handler: InboundHandler, host: string): Promise<Listener> {
  const server = http.createServer((req, res) => {
    let bodyBytes = 0;
    req.on('data', (c: Buffer) => (bodyBytes += c.length));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      handler({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        authority: headers.host ?? '',
        headers,
        bodyBytes,
      })
        .then((r) => {
          res.writeHead(r.status, { 'content-type': 'text/plain', 'content-length': r.bodyBytes });
          res.end(Buffer.alloc(r.bodyBytes, 120));
        })
        .catch(() => res.destroy());
    });
  });
  server.keepAliveTimeout = 30_000;
  return listenOn(server, host);
}

function listenOn(server: http.Server | net.Server, host: string): Promise<Listener> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        port,
        close: () =>
          new Promise<void>((r) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

function sendHttp(
  host: string,
  port: number,
  req: MeshRequest,
  signal: AbortSignal,
): Promise<MeshResponse> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host,
        port,
        method: req.method,
        path: req.path,
        headers: { ...req.headers, host: req.authority },
        agent,
        signal,
      },
      (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bodyBytes: bytes }));
        res.on('error', () => reject(new NoResponse('response reset', 'reset')));
      },
    );
    r.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        new NoResponse(err.message, err.code === 'ECONNREFUSED' ? 'connect-failure' : 'reset'),
      ),
    );
    if (req.bodyBytes > 0) r.end(Buffer.alloc(req.bodyBytes, 121));
    else r.end();
  });
}

function listenGrpc(handler: InboundHandler, host: string): Promise<Listener> {
  const server = new grpc.Server();
  server.addService(GRPC_SERVICE, {
    Call: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(call.metadata.getMap())) headers[k] = String(v);
      handler({
        method: 'POST',
        path: headers['x-meshscope-path'] ?? GRPC_METHOD,
        authority: headers['x-meshscope-authority'] ?? '',
        headers,
        bodyBytes: call.request.length,
      })
        .then((r) => {
          if (r.grpcStatus && r.grpcStatus !== 0) {
            callback({ code: r.grpcStatus, details: 'simulated failure' });
          } else {
            callback(null, Buffer.alloc(r.bodyBytes, 122));
          }
        })
        .catch(() => callback({ code: grpc.status.INTERNAL, details: 'handler failed' }));
    },
  });
  return new Promise((resolve, reject) => {
    server.bindAsync(`${host}:0`, grpc.ServerCredentials.createInsecure(), (err, port) => {
      if (err) return reject(err);
      resolve({
        port,
        close: () => new Promise<void>((r) => server.tryShutdown(() => r())),
      });
    });
  });
}

const grpcClients = new Map<string, grpc.Client>();

function grpcClient(host: string, port: number): grpc.Client {
  const key = `${host}:${port}`;
  let c = grpcClients.get(key);
  if (!c) {
    c = new grpc.Client(key, grpc.credentials.createInsecure());
    grpcClients.set(key, c);
  }
  return c;
}

/** Drops the cached client for a replica that stopped. */
export function forgetGrpcClient(port: number, host = '127.0.0.1'): void {
  const key = `${host}:${port}`;
  grpcClients.get(key)?.close();
  grpcClients.delete(key);
}

function sendGrpc(
  host: string,
  port: number,
  req: MeshRequest,
  signal: AbortSignal,
): Promise<MeshResponse> {
  return new Promise((resolve, reject) => {
    const md = new grpc.Metadata();
    for (const [k, v] of Object.entries(req.headers))
      if (k !== 'host' && !k.startsWith(':')) md.set(k, v);
    md.set('x-meshscope-authority', req.authority);
    md.set('x-meshscope-path', req.path);
    const call = grpcClient(host, port).makeUnaryRequest<Buffer, Buffer>(
      GRPC_METHOD,
      identity,
      identity,
      Buffer.alloc(req.bodyBytes, 121),
      md,
      (err, value) => {
        if (!err) return resolve({ status: 200, grpcStatus: 0, bodyBytes: value?.length ?? 0 });
        if (
          err.code === grpc.status.UNAVAILABLE &&
          /ECONNREFUSED|No connection/.test(err.details)
        ) {
          return reject(new NoResponse(err.details, 'connect-failure'));
        }
        if (err.code === grpc.status.CANCELLED) return reject(new NoResponse('cancelled', 'reset'));
        resolve({ status: 200, grpcStatus: err.code, bodyBytes: 0 });
      },
    );
    signal.addEventListener('abort', () => call.cancel(), { once: true });
  });
}

/**
 * The demo's TCP protocol: one JSON line with the headers (trace/peer metadata, which Istio
 * carries in ALPN/metadata exchange) and the payload size, then the payload; the server answers
 * with its payload and closes.
 */
function listenTcp(handler: InboundHandler, host: string): Promise<Listener> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => sock.destroy());
    let buf = Buffer.alloc(0);
    let header: { headers: Record<string, string>; bytes: number; authority: string } | undefined;
    let got = 0;
    sock.on('data', (chunk: Buffer) => {
      if (!header) {
        buf = Buffer.concat([buf, chunk]);
        const nl = buf.indexOf(10);
        if (nl < 0) return;
        header = JSON.parse(buf.subarray(0, nl).toString()) as typeof header;
        got = buf.length - nl - 1;
      } else {
        got += chunk.length;
      }
      if (header && got >= header.bytes) {
        const h = header;
        handler({
          method: 'CONNECT',
          path: '',
          authority: h.authority,
          headers: h.headers,
          bodyBytes: h.bytes,
        })
          .then((r) =>
            r.status >= 500 ? sock.resetAndDestroy() : sock.end(Buffer.alloc(r.bodyBytes, 122)),
          )
          .catch(() => sock.destroy());
      }
    });
  });
  return listenOn(server, host).then((l) => ({
    port: l.port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await l.close();
    },
  }));
}

function sendTcp(
  host: string,
  port: number,
  req: MeshRequest,
  signal: AbortSignal,
): Promise<MeshResponse> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let connected = false;
    const sock = net.connect({ host, port }, () => {
      connected = true;
      const line = JSON.stringify({
        headers: req.headers,
        bytes: req.bodyBytes,
        authority: req.authority,
      });
      sock.write(line + '\n');
      sock.write(Buffer.alloc(req.bodyBytes, 121));
    });
    sock.on('data', (c: Buffer) => (bytes += c.length));
    sock.on('end', () => resolve({ status: 200, bodyBytes: bytes }));
    sock.on('error', (err: NodeJS.ErrnoException) =>
      reject(new NoResponse(err.message, connected ? 'reset' : 'connect-failure')),
    );
    sock.on('close', (hadError) => {
      if (!hadError && bytes === 0) reject(new NoResponse('connection closed', 'reset'));
    });
    signal.addEventListener('abort', () => sock.destroy(new Error('aborted')), { once: true });
  });
}
