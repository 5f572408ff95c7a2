// What the review API shows of an item: response shapes built from rows (no secrets live on these rows,
// and the route schemas strip anything not listed).
import type { InboundItemTable } from '../../db/schema/moderation.js';
import { effectiveDueAt, type SlaMinutes } from './settings.js';
import type { TemplateView } from './templates.js';

export interface MatchView {
  dictionary: string;
  category: string;
  term: string;
  /** UTF-16 offsets into text, for highlighting. */
  start: number;
  end: number;
}

export interface QueueRow {
  id: string;
  account: { id: string; platform: string; handle: string; displayName: string };
  kind: string;
  text: string;
  url: string | null;
  author: { platformId: string; handle: string; name: string | null };
  categories: string[];
  matches: MatchView[];
  safeguarding: boolean;
  priority: number;
  status: string;
  assignedTo: { id: string; name: string } | null;
  platformCreatedAt: number;
  receivedAt: number;
  dueAt: number;
  remainingMs: number;
  overdue: boolean;
  suggestedTemplates: Array<{ id: string; title: string }>;
}

export type QueueRowSource = InboundItemTable & {
  account_platform: string;
  account_handle: string;
  account_display_name: string;
  assignee_name: string | null;
};

export function parseMatches(json: string): MatchView[] {
  const raw = JSON.parse(json) as Array<Partial<MatchView>>;
  return raw.map((m) => ({
    dictionary: String(m.dictionary ?? ''),
    category: String(m.category ?? ''),
    term: String(m.term ?? ''),
    start: Number(m.start ?? 0),
    end: Number(m.end ?? 0),
  }));
}

export function toQueueRow(
  r: QueueRowSource,
  sla: SlaMinutes,
  now: number,
  templates: TemplateView[],
): QueueRow {
  const dueAt = effectiveDueAt(r, sla);
  const safeguarding = Number(r.safeguarding) === 1;
  return {
    id: r.id,
    account: {
      id: r.account_id,
      platform: r.account_platform,
      handle: r.account_handle,
      displayName: r.account_display_name,
    },
    kind: r.kind,
    text: r.text,
    url: r.url,
    author: { platformId: r.author_platform_id, handle: r.author_handle, name: r.author_name },
    categories: JSON.parse(r.categories) as string[],
    matches: parseMatches(r.matches),
    safeguarding,
    priority: Number(r.priority),
    status: r.status,
    assignedTo: r.assigned_to ? { id: r.assigned_to, name: r.assignee_name ?? '' } : null,
    platformCreatedAt: Number(r.platform_created_at),
    receivedAt: Number(r.received_at),
    dueAt,
    remainingMs: dueAt - now,
    overdue: dueAt < now,
    suggestedTemplates: safeguarding ? templates.map((t) => ({ id: t.id, title: t.title })) : [],
  };
}
