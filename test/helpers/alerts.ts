// Helpers for alert tests: a real SMTP server (smtp-server) whose messages are parsed with mailparser, and a
// loopback webhook receiver whose answer the test controls.
import {
  type ClientRequest,
  createServer,
  get as httpGet,
  type IncomingHttpHeaders,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  mail: ParsedMail;
}

export async function startSmtp(user: string, pass: string) {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === pass) cb(null, { user });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      simpleParser(stream).then(
        (mail) => {
          messages.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          cb();
        },
        (err: Error) => cb(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
}

export async function startReceiver(status: () => number = () => 200) {
  const received: ReceivedHook[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status()).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/parapet-capability-path`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** A streaming server-sent-events client over node:http (real sockets, no inject). */
export function openSse(url: string, headers: Record<string, string>) {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let status = 0;
  let contentType = '';
  let ended = false;
  let request!: ClientRequest;
  let streamOpened!: Promise<void>;
  const endedPromise = new Promise<void>((resolveEnd) => {
    const opened = new Promise<void>((resolveOpen, reject) => {
      request = httpGet(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        status = res.statusCode ?? 0;
        contentType = String(res.headers['content-type'] ?? '');
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let cut = buffer.indexOf('\n\n');
          while (cut >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const ev: SseEvent = { data: '' };
            let isEvent = false;
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) comments.push(line.slice(1).trim());
              else if (line.startsWith('id: ')) ev.id = line.slice(4);
              else if (line.startsWith('event: ')) ev.event = line.slice(7);
              else if (line.startsWith('data: ')) {
                ev.data += line.slice(6);
                isEvent = true;
              }
            }
            if (isEvent) events.push(ev);
            cut = buffer.indexOf('\n\n');
          }
        });
        res.on('close', () => {
          ended = true;
          resolveEnd();
        });
        resolveOpen();
      });
      request.on('error', (err) => {
        ended = true;
        resolveEnd();
        reject(err);
      });
    });
    streamOpened = opened;
  });
  return {
    events,
    comments,
    get status() {
      return status;
    },
    get contentType() {
      return contentType;
    },
    get ended() {
      return ended;
    },
    opened: () => streamOpened,
    whenEnded: endedPromise,
    close: () => request.destroy(),
  };
}
