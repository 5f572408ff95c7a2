// Ingestion bookkeeping (src/modules/inbound): poll cursors per account and webhook delivery digests.
// Epoch-ms timestamps.

/** Where polling of one account stands. The cursor moves only in the transaction that stored its items. */
export interface InboundCursorTable {
  account_id: string;
  org_id: string;
  /** Opaque cursor from connector.fetchReplies; null before the first successful poll. */
  cursor: string | null;
  last_polled_at: number | null;
  /** Not polled before this time (rate-limit reset or backoff after failures). */
  next_poll_after: number;
  last_error: string | null;
  /** Consecutive failed polls, for the backoff. */
  failures: number;
  updated_at: number;
}

/**
 * One webhook delivery already processed, by the SHA-256 of its platform and exact bytes. A replay of the same
 * bytes inside the window is acknowledged without being processed again. No org: one delivery may serve
 * accounts of several organisations.
 */
export interface InboundDeliveryTable {
  /** A time from the delivery's own bytes, leading the key (see recordDeliveries); 0 when it has none. */
  event_at: number;
  digest: string;
  platform: string;
  received_at: number;
  expires_at: number;
}

export interface InboundTables {
  inbound_cursor: InboundCursorTable;
  inbound_delivery: InboundDeliveryTable;
}
