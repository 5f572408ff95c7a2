// HMAC helpers shared by the webhook platforms (X CRC and body signatures, Meta X-Hub-Signature-256).
// Signatures are always computed over the exact bytes received, never over re-serialised JSON.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha256Base64(secret: string, data: string | Buffer): string {
  return createHmac('sha256', secret).update(data).digest('base64');
}

export function hmacSha256Hex(secret: string, data: string | Buffer): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

/** Constant-time string comparison; a length mismatch returns false before timingSafeEqual (which throws on it). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
