/**
 * An attacker's server on 127.0.0.1: HTTP, WebSocket (a real handshake, so a socket
 * that got through would open) and UDP (WebRTC's STUN), counting every connection,
 * request, upgrade and datagram. A lock-down test expects all counts to stay zero.
 */
import { createHash } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listener {
  port: number;
  /** One line per thing that reached us, e.g. "GET /a", "upgrade /x", "connection", "udp". */
  hits: string[];
  close(): Promise<void>;
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export async function listen(): Promise<Listener> {
  const hits: string[] = [];
  const server: Server = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' }).end('reached');
  });
  server.on('connection', () => hits.push('connection'));
  server.on('upgrade', (request, socket) => {
    hits.push(`upgrade ${request.url}`);
    const key = String(request.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(key + WS_GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  // The same port number over UDP, for a STUN server named in RTCPeerConnection.
  const udp: UdpSocket = createSocket('udp4');
  udp.on('message', () => hits.push('udp'));
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    hits,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => udp.close(() => resolve()));
    },
  };
}
