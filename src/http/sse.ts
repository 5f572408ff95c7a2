// Server-sent events over a hijacked Fastify reply: headers, framing, comments (heartbeats) and close.
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface EventStream {
  send(event: { id?: string; event?: string; data: unknown }): void;
  comment(text: string): void;
  close(): void;
  readonly closed: boolean;
  onClose(listener: () => void): void;
}

export const acceptsEventStream = (request: FastifyRequest): boolean =>
  (request.headers.accept ?? '').includes('text/event-stream');

/** Takes over the response: Fastify's serializers and onSend hooks no longer run for it. */
export function openEventStream(request: FastifyRequest, reply: FastifyReply, retryMs = 3000): EventStream {
  const headers: Record<string, string | number | string[]> = {
    // Headers already set by hooks (security headers) would otherwise be lost with the hijack.
    ...(Object.fromEntries(Object.entries(reply.getHeaders()).filter(([, v]) => v !== undefined)) as Record<
      string,
      string | number | string[]
    >),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
  };
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, headers);
  res.write(`retry: ${retryMs}\n\n`);
  const listeners: Array<() => void> = [];
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    for (const listener of listeners) listener();
  };
  res.on('close', finish);
  request.raw.on('close', () => {
    if (res.writableEnded || request.raw.destroyed) finish();
  });
  return {
    get closed() {
      return closed;
    },
    send({ id, event, data }) {
      if (closed) return;
      const lines = [
        ...(id ? [`id: ${id.replace(/[\r\n]/g, '')}`] : []),
        ...(event ? [`event: ${event.replace(/[\r\n]/g, '')}`] : []),
        ...JSON.stringify(data)
          .split('\n')
          .map((l) => `data: ${l}`),
      ];
      res.write(`${lines.join('\n')}\n\n`);
    },
    comment(text) {
      if (!closed) res.write(`: ${text.replace(/[\r\n]/g, ' ')}\n\n`);
    },
    close() {
      if (!res.writableEnded) res.end();
      finish();
    },
    onClose(listener) {
      listeners.push(listener);
    },
  };
}
