/**
 * The ceiling for `POST /api/pusher/auth`: a bare Node http server doing the same `authorizeChannel` with the
 * official `pusher` SDK, with no framework, session or database. Started by the bench as its own process.
 */
import { createServer } from 'node:http';
import Pusher from 'pusher';
import { CREDENTIALS, HOST, PORTS } from './support/stack';

const MAX_BODY_BYTES = 4_096;
const pusher = new Pusher({ ...CREDENTIALS, host: HOST, port: String(PORTS.realtime), useTLS: false });
const userInfo = { name: 'Bench', color: '#4f46e5', status: '', statusUpdatedAt: null };

createServer((request, response) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => {
    body += chunk;
    if (body.length > MAX_BODY_BYTES) request.destroy();
  });
  request.on('end', () => {
    const form = new URLSearchParams(body);
    const socketId = form.get('socket_id') ?? '';
    const channel = form.get('channel_name') ?? '';
    try {
      const auth = pusher.authorizeChannel(socketId, channel, { user_id: 'bench-user', user_info: userInfo });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(auth));
    } catch (error) {
      response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
    }
  });
}).listen(PORTS.bare, HOST);
