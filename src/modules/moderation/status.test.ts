import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type EventLike, OPEN_STATUSES, reduceStatus } from './status.js';

let clock = 0;
const ev = (
  type: string,
  opts: { action?: string; user?: string; detail?: Record<string, unknown>; id?: string } = {},
): EventLike => ({
  id: opts.id ?? `e${++clock}`,
  type,
  action: opts.action ?? null,
  actor_type: opts.user ? 'user' : 'system',
  actor_id: opts.user ?? null,
  detail: JSON.stringify(opts.detail ?? {}),
  created_at: ++clock,
});
const classified = (categories: string[] = ['abuse'], safeguarding = false) =>
  ev('classified', { detail: { categories, safeguarding } });
const requested = (action: string, id: string, user?: string) => ev('action_requested', { action, id, user });
const succeeded = (action: string, requestEventId: string, bySystem = true) =>
  ev('action_succeeded', { action, detail: { requestEventId, bySystem } });
const failed = (action: string, requestEventId: string) =>
  ev('action_failed', { action, detail: { requestEventId, error: 'refused' } });
const statusOf = (...events: EventLike[]) => reduceStatus(events).status;

describe('moderation status reducer', () => {
  test('no events, or only received: new', () => {
    assert.equal(statusOf(), 'new');
    assert.equal(statusOf(ev('received')), 'new');
  });

  test('classified with nothing matched is clear; matched but only recorded is recorded', () => {
    assert.equal(statusOf(ev('received'), classified([])), 'clear');
    const r = reduceStatus([classified(['profanity'])]);
    assert.equal(r.status, 'recorded');
    assert.deepEqual(r.flags.categories, ['profanity']);
  });

  test('policy hide: pending until the platform confirms, then auto_hidden', () => {
    const base = [classified(), requested('hide', 'h1')];
    assert.equal(statusOf(...base), 'action_pending');
    assert.equal(statusOf(...base, succeeded('hide', 'h1')), 'auto_hidden');
  });

  test('a person hiding is hidden, not auto_hidden; unhide restores', () => {
    const hidden = [classified(), requested('hide', 'h1', 'u1'), succeeded('hide', 'h1', false)];
    assert.equal(statusOf(...hidden), 'hidden');
    const restored = [...hidden, requested('unhide', 'u2', 'u1'), succeeded('unhide', 'u2', false)];
    assert.equal(statusOf(...restored), 'restored');
    assert.equal(reduceStatus(restored).flags.hidden, false);
  });

  test('deleted wins over everything, even an open review', () => {
    const events = [classified(), ev('queued'), requested('delete', 'd1'), succeeded('delete', 'd1')];
    assert.equal(statusOf(...events), 'deleted');
  });

  test('block alone: author_blocked; the reply itself is not hidden', () => {
    const r = reduceStatus([classified(), requested('block', 'b1'), succeeded('block', 'b1')]);
    assert.equal(r.status, 'author_blocked');
    assert.equal(r.flags.hidden, false);
    assert.equal(r.flags.authorBlocked, true);
  });

  test('review lifecycle: queued → in_review → released → queued → decision allow', () => {
    const q = [classified(), ev('queued', { detail: { dueAt: 5000 } })];
    assert.equal(statusOf(...q), 'queued');
    assert.equal(reduceStatus(q).flags.dueAt, 5000);
    const claimed = [...q, ev('claimed', { user: 'u1' })];
    assert.equal(statusOf(...claimed), 'in_review');
    assert.equal(reduceStatus(claimed).flags.assignedTo, 'u1');
    const released = [...claimed, ev('released', { user: 'u1' })];
    assert.equal(statusOf(...released), 'queued');
    assert.equal(reduceStatus(released).flags.assignedTo, null);
    const allowed = [...released, ev('decision', { action: 'allow', user: 'u2' })];
    assert.equal(statusOf(...allowed), 'allowed');
    assert.equal(reduceStatus(allowed).flags.decidedBy, 'u2');
  });

  test('assigned names the assignee from detail, not the actor', () => {
    const r = reduceStatus([ev('queued'), ev('assigned', { user: 'lead', detail: { assigneeId: 'u9' } })]);
    assert.equal(r.flags.assignedTo, 'u9');
  });

  test('escalation by event or by decision keeps the item open', () => {
    assert.equal(statusOf(ev('queued'), ev('escalated', { user: 'u1' })), 'escalated');
    assert.equal(statusOf(ev('queued'), ev('decision', { action: 'escalate', user: 'u1' })), 'escalated');
    assert.ok(OPEN_STATUSES.has('escalated'));
  });

  test('sign-off: requested waits, refused goes back to review, given closes with the action', () => {
    const asked = [
      ev('queued'),
      ev('claimed', { user: 'u1' }),
      ev('signoff_requested', { action: 'delete', user: 'u1' }),
    ];
    const r = reduceStatus(asked);
    assert.equal(r.status, 'awaiting_signoff');
    assert.equal(r.flags.signoffAction, 'delete');
    assert.equal(statusOf(...asked, ev('signoff_refused', { user: 'u2' })), 'in_review');
    const given = reduceStatus([...asked, ev('signoff_given', { user: 'u2' })]);
    assert.equal(given.flags.review, 'closed');
    assert.equal(given.flags.decision, 'delete');
  });

  test('a failed action is action_failed (open) until a person decides', () => {
    const events = [classified(), requested('hide', 'h1'), failed('hide', 'h1'), ev('queued')];
    const r = reduceStatus(events);
    assert.equal(r.status, 'action_failed');
    assert.deepEqual(r.flags.failedActions, ['hide']);
    assert.deepEqual(r.flags.pendingActions, {});
    assert.ok(OPEN_STATUSES.has(r.status));
    assert.equal(statusOf(...events, ev('claimed', { user: 'u1' })), 'action_failed');
    assert.equal(statusOf(...events, ev('decision', { action: 'allow', user: 'u1' })), 'allowed');
  });

  test('a later success of the same action clears the failure', () => {
    const events = [
      requested('hide', 'h1'),
      failed('hide', 'h1'),
      requested('hide', 'h2'),
      succeeded('hide', 'h2'),
    ];
    assert.equal(statusOf(...events), 'auto_hidden');
  });

  test('outcomes settle only their own request', () => {
    const r = reduceStatus([requested('block', 'b1'), requested('report', 'r1'), succeeded('block', 'b1')]);
    assert.deepEqual(r.flags.pendingActions, { r1: 'report' });
    assert.equal(r.status, 'action_pending');
  });

  test('fallbacks are listed; safeguarding flag comes from classification', () => {
    const r = reduceStatus([
      classified(['welfare'], true),
      ev('action_fallback', {
        action: 'hide',
        detail: { instead: ['block', 'report'], reason: 'mastodon cannot' },
      }),
      ev('queued'),
    ]);
    assert.equal(r.flags.safeguarding, true);
    assert.deepEqual(r.flags.fallbacks, [
      { action: 'hide', instead: ['block', 'report'], reason: 'mastodon cannot' },
    ]);
    assert.equal(r.status, 'queued');
  });

  test('a hidden item re-queued after decision reopens; notes and unknown types change nothing', () => {
    const base = [classified(), requested('hide', 'h1'), succeeded('hide', 'h1')];
    assert.equal(statusOf(...base, ev('note', { user: 'u1' }), ev('something_new')), 'auto_hidden');
    const reopened = [...base, ev('queued'), ev('decision', { action: 'hide', user: 'u1' }), ev('queued')];
    assert.equal(statusOf(...reopened), 'queued');
  });

  test('detail may be an object as well as JSON text', () => {
    const e = { ...classified(), detail: { categories: ['x'], safeguarding: true } };
    assert.equal(reduceStatus([e]).flags.safeguarding, true);
  });

  test('allow after an author block: allowed', () => {
    const events = [
      requested('block', 'b1'),
      succeeded('block', 'b1'),
      ev('queued'),
      ev('decision', { action: 'allow', user: 'u' }),
    ];
    assert.equal(statusOf(...events), 'allowed');
  });
});
