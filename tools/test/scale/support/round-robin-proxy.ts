import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The load balancer: each request to the next upstream in turn. An upstream
 * that refuses the connection (a process that is gone) is skipped for the
 * next, as a load balancer's passive health check would: the request never
 * reached it, so sending it elsewhere is safe. A request an upstream took and
 * then dropped is a 502, never retried.
 */
export class RoundRobinProxy {
  private next = 0;
  private server!: Server;
  url = '';

  constructor(private readonly upstreams: () => string[]) {}

  static async start(upstreams: () => string[]): Promise<RoundRobinProxy> {
    const proxy = new RoundRobinProxy(upstreams);
    await proxy.listen();
    return proxy;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private listen(): Promise<void> {
    this.server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => this.forward(incoming, outgoing, Buffer.concat(chunks), this.upstreams().length));
    });
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => {
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        resolve();
      }),
    );
  }

  private forward(incoming: IncomingMessage, outgoing: ServerResponse, body: Buffer, triesLeft: number): void {
    const upstreams = this.upstreams();
    const target = new URL(incoming.url ?? '/', upstreams[this.next++ % upstreams.length]);
    const upstream = request(target, { method: incoming.method, headers: incoming.headers }, (response) => {
      outgoing.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(outgoing);
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && triesLeft > 1) return this.forward(incoming, outgoing, body, triesLeft - 1);
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(`upstream failed: ${error.code ?? error.message}`);
    });
    upstream.end(body);
  }
}
