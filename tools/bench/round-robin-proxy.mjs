// The scale-out bench's load balancer: each request to the next upstream in
// turn, over kept-alive connections. It runs in a process of its own so that
// it does not share the event loop of the bench's load generator. What it
// prints first is its URL. (tools/test/scale/support/round-robin-proxy.ts is
// the test suite's, in TypeScript, which plain Node cannot import.)
//   node tools/bench/round-robin-proxy.mjs http://127.0.0.1:4001 http://127.0.0.1:4002 …
import { Agent, createServer, request } from 'node:http';

const upstreams = process.argv.slice(2);
if (upstreams.length === 0) throw new Error('Name the upstream URLs');
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
let next = 0;

const server = createServer((incoming, outgoing) => {
  const target = new URL(incoming.url ?? '/', upstreams[next++ % upstreams.length]);
  const upstream = request(target, { method: incoming.method, headers: incoming.headers, agent }, (response) => {
    outgoing.writeHead(response.statusCode ?? 502, response.headers);
    response.pipe(outgoing);
  });
  upstream.on('error', (error) => {
    if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
    outgoing.end(`upstream failed: ${error.code ?? error.message}`);
  });
  incoming.pipe(upstream);
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
