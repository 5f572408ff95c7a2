// Compose a post (or a reply to an inbound item) for one or several accounts, with the live outbound
// check, a per-platform preview, scheduling, and the server's verdict in words once it is sent.
import { useId, useMemo, useState } from 'react';
import { useSearch } from 'wouter';
import type { Me, Post } from '../../api/types.js';
import { useAccounts } from '../accounts/hooks.js';
import { LicenceBanner } from '../licence/licence-banner.js';
import { AccountPicker } from './account-picker.js';
import { CheckPanel, Preview } from './check-panel.js';
import { useCompose, useOutboundCheck } from './hooks.js';
import { Refusal } from './refusal.js';
import { ReplyContext } from './reply-context.js';
import { browserZone, resolveSchedule, ScheduleField, type ScheduleValue } from './schedule-field.js';
import { PostLinks, StatusBadge, whereItWent } from './status-label.js';

const linesOf = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function ComposePage({ me }: { me: Me }) {
  const replyToItemId = new URLSearchParams(useSearch()).get('replyToItemId');
  const kind = replyToItemId ? 'reply' : 'post';
  const [accountIds, setAccountIds] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [media, setMedia] = useState('');
  const [schedule, setSchedule] = useState<ScheduleValue>({ enabled: false, local: '', zone: browserZone() });
  const [sent, setSent] = useState<Post[] | null>(null);
  const id = useId();
  const mediaUrls = useMemo(() => linesOf(media), [media]);
  const check = useOutboundCheck({ accountIds, text, mediaUrls });
  const compose = useCompose();
  const accounts = useAccounts();
  const byId = new Map((accounts.data?.accounts ?? []).map((a) => [a.id, a]));
  const chosen = accountIds.flatMap((a) => (byId.has(a) ? [byId.get(a)!] : []));
  const when = resolveSchedule(schedule);

  const send = (submit: boolean) =>
    compose.mutate(
      {
        accountIds,
        text,
        mediaUrls,
        submit,
        ...(replyToItemId ? { replyToItemId } : {}),
        ...(schedule.enabled && schedule.local
          ? { scheduledAt: schedule.local, timeZone: schedule.zone }
          : {}),
      },
      { onSuccess: (res) => setSent(res.posts) },
    );

  if (sent)
    return (
      <>
        <h1>{sent[0]?.status === 'draft' ? 'Saved' : 'Sent'}</h1>
        <ul className="sent" role="status">
          {sent.map((p) => (
            <li key={p.id}>
              <strong>@{byId.get(p.accountId)?.handle ?? p.accountId}</strong>{' '}
              <StatusBadge status={p.status} /> {whereItWent(p)} <PostLinks post={p} />
            </li>
          ))}
        </ul>
        <button
          type="button"
          onClick={() => {
            setSent(null);
            setText('');
            compose.reset();
          }}
        >
          Write another
        </button>
      </>
    );

  return (
    <>
      <h1>{kind === 'reply' ? 'Reply' : 'Compose'}</h1>
      <LicenceBanner />
      {replyToItemId && <ReplyContext itemId={replyToItemId} />}
      <form
        className="compose"
        onSubmit={(e) => {
          e.preventDefault();
          send(true);
        }}
      >
        <div className="compose-main">
          <AccountPicker me={me} kind={kind} selected={accountIds} onChange={setAccountIds} />
          <label htmlFor={`${id}-text`}>Text</label>
          <textarea
            id={`${id}-text`}
            rows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby="check-heading"
          />
          <label>
            Image URLs (one per line, public http(s) addresses)
            <textarea rows={2} value={media} onChange={(e) => setMedia(e.target.value)} />
          </label>
          <ScheduleField value={schedule} onChange={setSchedule} />
          <div className="actions">
            <button type="submit" disabled={compose.isPending || accountIds.length === 0 || !!when.error}>
              Submit
            </button>
            <button
              type="button"
              className="secondary"
              disabled={compose.isPending || accountIds.length === 0 || !!when.error}
              onClick={() => send(false)}
            >
              Save as draft
            </button>
          </div>
          {compose.isError && <Refusal error={compose.error} />}
        </div>
        <div className="compose-side">
          {accountIds.length === 0 ? (
            <p className="muted">Choose an account to see the checks and the preview.</p>
          ) : check.isError ? (
            <Refusal error={check.error} lead="Cannot check this yet." />
          ) : check.data ? (
            <CheckPanel text={check.data.checkedText} result={check.data} accounts={byId} />
          ) : null}
          <Preview text={text} mediaUrls={mediaUrls} accounts={chosen} />
        </div>
      </form>
    </>
  );
}
