/**
 * The event stream (server-sent events) that tells every open part page the state of
 * the manuscript: the build's number, and its errors. A page gets the current state as
 * soon as it connects, then every change.
 */
import type { ServerResponse } from 'node:http';
import type { PreviewState } from './client.js';

export class EventHub {
  private readonly clients = new Set<ServerResponse>();

  constructor(private state: PreviewState) {}

  connect(response: ServerResponse, headers: Record<string, string>): void {
    response.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    // The browser reconnects by itself, a second after a restart of the preview.
    response.write('retry: 1000\n\n');
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
    this.send(response);
  }

  publish(state: PreviewState): void {
    this.state = state;
    for (const client of this.clients) this.send(client);
  }

  closeAll(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private send(client: ServerResponse): void {
    client.write(`event: state\ndata: ${JSON.stringify(this.state)}\n\n`);
  }
}
