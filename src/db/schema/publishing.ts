// Publishing tables (src/modules/publishing, src/modules/licence). Timestamps are epoch ms.
import type { PostRef } from '../../connectors/types.js';

export type PostStatus =
  | 'draft' // saved by its author, not submitted
  | 'pending_approval' // waiting for one or more approvals
  | 'rejected' // an approver said no; the author may edit and resubmit
  | 'scheduled' // cleared to publish at scheduled_at (or now); a publish job exists
  | 'publishing' // a worker is calling the platform
  | 'published'
  | 'failed' // the platform refused it for good (last_error says why)
  | 'held' // cleared, but held by a kill switch (org pause, account or user suspended); resumes when lifted
  | 'deleted' // published then deleted on the platform; the row (the archived copy) stays
  | 'cancelled'; // withdrawn before publishing

/** One post or reply to one account. Composing for several accounts makes one row each, sharing batch_id. */
export interface PostTable {
  id: string;
  org_id: string;
  batch_id: string;
  account_id: string;
  author_id: string;
  kind: 'post' | 'reply';
  text: string;
  /** JSON PostRef of the item replied to, or null. */
  reply_to: string | null;
  /** JSON array of public media URLs. */
  media_urls: string;
  status: PostStatus;
  /** Bumped on every edit; approvals count only for the revision they were given on. */
  revision: number;
  approvals_required: number;
  /** When to publish (epoch ms, UTC); null = as soon as cleared. */
  scheduled_at: number | null;
  /** IANA zone the author scheduled in, for display ("09:00 Europe/London"). */
  time_zone: string | null;
  /** JSON: the outbound check result at the last submit (matches with spans, verdict). */
  checks: string;
  hold_reason: string | null;
  /** JSON PostRef on the platform once published. */
  platform_ref: string | null;
  platform_post_id: string | null;
  url: string | null;
  published_at: number | null;
  deleted_at: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

/** Every text a post has had (the archive keeps edits). */
export interface PostRevisionTable {
  post_id: string;
  org_id: string;
  revision: number;
  text: string;
  edited_by: string;
  created_at: number;
}

export interface PostApprovalTable {
  id: string;
  org_id: string;
  post_id: string;
  revision: number;
  step: number;
  approver_id: string;
  decision: 'approved' | 'rejected';
  comment: string | null;
  created_at: number;
}

export type { PostRef };

// Helpers add their own tables here (and to PublishingTables) in their own migration.
export interface PublishingTables {
  post: PostTable;
  post_revision: PostRevisionTable;
  post_approval: PostApprovalTable;
}
