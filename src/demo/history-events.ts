// The moderation that followed one historical reply, as the events the live pipeline would have appended.
import { newId } from '../ids.js';

export type ReplyOutcome = 'handled' | 'open';

export interface HistoryEvent {
  id: string;
  type: string;
  action: string | null;
  actor_type: 'system' | 'user';
  actor_id: string | null;
  actor_label: string;
  note: string | null;
  detail: Record<string, unknown>;
  created_at: number;
}

const SAFEGUARDING = ['welfare', 'threat'];

export function buildItemEvents(input: {
  categories: string[];
  at: number;
  outcome: ReplyOutcome;
  moderator: string | null;
  rand: () => number;
}): HistoryEvent[] {
  const { categories, at, rand } = input;
  let t = at + 2_000 + Math.floor(rand() * 400);
  const advance = (ms: number): number => {
    t += ms;
    return t;
  };
  const system = (
    type: string,
    action: string | null,
    detail: Record<string, unknown> = {},
  ): HistoryEvent => ({
    id: newId(),
    type,
    action,
    actor_type: 'system',
    actor_id: null,
    actor_label: 'demo history',
    note: null,
    detail,
    created_at: advance(300 + Math.floor(rand() * 900)),
  });
  const person = (type: string, action: string | null, note: string): HistoryEvent => ({
    id: newId(),
    type,
    action,
    actor_type: 'user',
    actor_id: input.moderator,
    actor_label: 'demo history',
    note,
    detail: {},
    created_at: advance((3 + Math.floor(rand() * 20)) * 60_000),
  });
  const safeguarding = categories.some((c) => SAFEGUARDING.includes(c));
  const events = [system('classified', null, { categories, safeguarding })];
  if (categories.length === 0) return events;
  if (categories.includes('abuse') && !safeguarding) {
    const requested = system('action_requested', 'hide', { reason: 'policy: abuse → hide' });
    events.push(
      requested,
      system('action_succeeded', 'hide', { bySystem: true, requestEventId: requested.id }),
    );
    return events;
  }
  events.push(system('queued', null, { dueAt: at + (safeguarding ? 15 : 240) * 60_000 }));
  if (input.outcome === 'open' || !input.moderator) return events;
  if (safeguarding) {
    events.push(
      person('claimed', null, ''),
      person('decision', 'allow', 'Replied with the 999/101 template and passed to the control room.'),
    );
    return events;
  }
  const hide = rand() < 0.7;
  events.push(person('decision', hide ? 'hide' : 'allow', hide ? 'Spam.' : 'Not spam: a genuine question.'));
  if (hide) {
    const requested = system('action_requested', 'hide', {});
    events.push(requested, system('action_succeeded', 'hide', { requestEventId: requested.id }));
  }
  return events;
}
