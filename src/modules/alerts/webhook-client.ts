// Signed outgoing webhook POSTs. Receivers verify X-Parapet-Signature = sha256=HMAC(secret, "timestamp.body")
// and should refuse timestamps older than a few minutes (replay).
import { createHmac } from 'node:crypto';

export const WEBHOOK_TIMEOUT_MS = 5000;

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export class WebhookSendError extends Error {
  constructor(
    message: string,
    readonly responseStatus: number | null,
  ) {
    super(message);
  }
}

/** POSTs once; throws WebhookSendError (never naming the URL, which may itself be a capability). */
export async function postWebhook(
  fetchFn: typeof fetch,
  input: { url: string; secret: string; body: Record<string, unknown>; now?: number; timeoutMs?: number },
): Promise<number> {
  const body = JSON.stringify(input.body);
  const timestamp = String(Math.floor((input.now ?? Date.now()) / 1000));
  let res: Response;
  try {
    res = await fetchFn(input.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Parapet-Alerts/1',
        'x-parapet-timestamp': timestamp,
        'x-parapet-signature': signWebhook(input.secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(input.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const reason =
      e.name === 'TimeoutError'
        ? `no answer within ${(input.timeoutMs ?? WEBHOOK_TIMEOUT_MS) / 1000} s`
        : (e.cause?.code ?? 'connection failed');
    throw new WebhookSendError(`the endpoint could not be reached: ${reason}`, null);
  }
  await res.body?.cancel().catch(() => {});
  if (res.status < 200 || res.status >= 300)
    throw new WebhookSendError(`the endpoint answered HTTP ${res.status}`, res.status);
  return res.status;
}
