import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ControlHandlers {
  metrics(): Promise<{ body: string; contentType: string }>;
  getRate(): number;
  setRate(rps: number): void;
  stats(): Record<string, unknown>;
}

export interface ControlServer {
  port: number;
  close(): Promise<void>;
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/**
 * The mesh's one HTTP endpoint: `GET /metrics` (every simulated proxy's Istio metrics, for
 * Prometheus), `GET /load` and `PUT /load {"rps": n}` (the generator's rate), `GET /healthz`.
 * Errors use the console's `{ error: { code, message } }` envelope.
 */
export function startControlServer(
  port: number,
  host: string,
  h: ControlHandlers,
): Promise<ControlServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics' && req.method === 'GET') {
      h.metrics().then(
        (m) => {
          res.writeHead(200, { 'content-type': m.contentType });
          res.end(m.body);
        },
        (err: Error) => json(res, 500, { error: { code: 'internal', message: err.message } }),
      );
      return;
    }
    if (path === '/healthz' && req.method === 'GET')
      return json(res, 200, { status: 'ok', ...h.stats() });
    if (path === '/load' && req.method === 'GET') return json(res, 200, { rps: h.getRate() });
    if (path === '/load' && req.method === 'PUT') {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
        if (body.length > 10_000) req.destroy();
      });
      req.on('end', () => {
        let rps: unknown;
        try {
          rps = (JSON.parse(body) as { rps?: unknown }).rps;
        } catch {
          return json(res, 400, {
            error: { code: 'bad_request', message: 'body must be JSON like {"rps": 20}' },
          });
        }
        if (typeof rps !== 'number' || !Number.isFinite(rps) || rps < 0 || rps > 10_000) {
          return json(res, 422, {
            error: {
              code: 'invalid',
              message: `rps must be a number between 0 and 10000, got ${JSON.stringify(rps)}`,
            },
          });
        }
        h.setRate(rps);
        json(res, 200, { rps: h.getRate() });
      });
      return;
    }
    if (path === '/metrics' || path === '/healthz' || path === '/load') {
      res.setHeader('allow', path === '/load' ? 'GET, PUT' : 'GET');
      return json(res, 405, {
        error: { code: 'method_not_allowed', message: `${req.method} ${path} is not supported` },
      });
    }
    json(res, 404, {
      error: {
        code: 'not_found',
        message: `no route for ${path}; try /metrics, /load or /healthz`,
      },
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
