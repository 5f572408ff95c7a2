// A fetch that answers only the recorded exchanges, in order. Any other request fails the test: it is
// recorded as unexpected and rejected, and assertDone() reports it. No test reaches the internet.
import assert from 'node:assert/strict';

export interface RecordedExchange {
  /** What the connector must send. `url` is the full URL including the query string. */
  request: {
    method: string;
    url: string;
    /** Header values the request must carry (names lowercase). */
    headers?: Record<string, string | RegExp>;
    /** The JSON body it must send (deep-equal), a raw string, or a check over the raw string. */
    body?: unknown;
  };
  response: { status: number; headers?: Record<string, string>; body?: unknown };
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

export function recordedFetch(exchanges: RecordedExchange[]) {
  const pending = [...exchanges];
  const seen: SeenRequest[] = [];
  const unexpected: string[] = [];

  const fake = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const request = new Request(input, init);
    const body = init.body === undefined || init.body === null ? null : await request.text();
    const headers = Object.fromEntries([...request.headers.entries()].map(([k, v]) => [k.toLowerCase(), v]));
    const req: SeenRequest = { method: request.method, url: request.url, headers, body };
    seen.push(req);
    const next = pending[0];
    const problem = next ? mismatch(next, req) : 'no more requests were expected';
    if (problem) {
      unexpected.push(`${req.method} ${req.url}: ${problem}`);
      throw new TypeError(`unexpected request ${req.method} ${req.url} (${problem})`);
    }
    pending.shift();
    const { status, headers: responseHeaders = {}, body: responseBody } = next!.response;
    const text =
      responseBody === undefined
        ? null
        : typeof responseBody === 'string'
          ? responseBody
          : JSON.stringify(responseBody);
    const contentType = typeof responseBody === 'string' ? 'text/plain' : 'application/json';
    return new Response(status === 204 ? null : text, {
      status,
      headers: { 'content-type': contentType, ...responseHeaders },
    });
  };

  return {
    fetch: fake as typeof fetch,
    seen,
    /** Every recorded exchange was used and nothing unexpected was asked. */
    assertDone(): void {
      assert.deepEqual(unexpected, [], `unexpected requests:\n${unexpected.join('\n')}`);
      assert.equal(
        pending.length,
        0,
        `recorded requests never made:\n${pending.map((e) => `${e.request.method} ${e.request.url}`).join('\n')}`,
      );
    },
  };
}

function mismatch(expected: RecordedExchange, req: SeenRequest): string | null {
  const want = expected.request;
  if (want.method.toUpperCase() !== req.method) return `expected ${want.method} ${want.url}`;
  if (want.url !== req.url) return `expected ${want.method} ${want.url}`;
  for (const [name, value] of Object.entries(want.headers ?? {})) {
    const got = req.headers[name.toLowerCase()];
    const ok = value instanceof RegExp ? got !== undefined && value.test(got) : got === value;
    if (!ok) return `header ${name} was ${JSON.stringify(got)}`;
  }
  if (want.body !== undefined) {
    if (typeof want.body === 'string') {
      if (req.body !== want.body) return `body was ${req.body}`;
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(req.body ?? '');
      } catch {
        return `body was not JSON: ${req.body}`;
      }
      try {
        assert.deepEqual(parsed, want.body);
      } catch {
        return `body was ${req.body}`;
      }
    }
  }
  return null;
}

/** The thrown error, in every form it could be logged, must not carry any of the secrets. */
export function assertNoSecrets(err: unknown, secrets: string[]): void {
  const e = err as Error;
  const forms = [e.message, String(e.stack), JSON.stringify(e), JSON.stringify(Object.entries(e))];
  for (const s of secrets) for (const f of forms) assert.ok(!f.includes(s), `secret ${s} leaked in ${f}`);
}
