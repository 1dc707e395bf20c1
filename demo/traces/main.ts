import { parseArgs } from 'node:util';

import { generateBookinfoTrace, generateLargeTrace } from './generate';
import { startTraceStore } from './index';

/**
 * Runs the trace store on its own, preloaded with generated traces — for working on the traces
 * UI or benchmarking without the whole demo mesh:
 *
 *   npx tsx demo/traces/main.ts --port 16686 --bookinfo 500 --large 50000
 *
 * Bookinfo traces are spread over the last hour (every 7th with a failing details); the large
 * trace starts at a fixed time in 2025, so search for it with its ID or a wide window.
 */

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '16686' },
    host: { type: 'string', default: '127.0.0.1' },
    'max-spans': { type: 'string', default: '200000' },
    bookinfo: { type: 'string', default: '200' },
    large: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
  },
});

function int(name: string, v: string | undefined, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    throw new Error(`--${name} must be an integer >= ${min} (got ${JSON.stringify(v)})`);
  }
  return n;
}

const port = int('port', values.port, 0);
const maxSpans = int('max-spans', values['max-spans'], 1);
const bookinfo = int('bookinfo', values.bookinfo, 0);
const large = int('large', values.large, 0);
const seed = int('seed', values.seed, 0);

const store = await startTraceStore({ port, host: values.host, maxSpans, log: console.log });
const nowUs = Date.now() * 1000;
for (let i = 0; i < bookinfo; i++) {
  const startUs = nowUs - Math.round(((bookinfo - i) / bookinfo) * 3_600_000_000);
  store.sink.addSpans(generateBookinfoTrace({ startUs, seed: seed + i, errors: i % 7 === 0 }));
}
if (large >= 2) {
  const spans = generateLargeTrace({ spans: large, seed });
  store.sink.addSpans(spans);
  console.log(`large trace    ${store.url}/api/traces/${spans[0].traceId} (${large} spans)`);
}
console.log(`loaded         ${bookinfo} Bookinfo traces; try ${store.url}/api/services`);

const stop = () => {
  store.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
