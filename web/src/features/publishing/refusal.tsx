// The server's refusal of a post, in its own words, followed by what the author can do about it.
import { Link } from 'wouter';
import { ApiError } from '../../api/client.js';
import { ErrorNote } from '../../components/status.js';

const NEXT_STEP: Record<string, string> = {
  outbound_blocked: 'Reword or remove the highlighted text; the checks beside the text update as you type.',
  platform_limits: 'Shorten the text (or change the media) for the accounts marked over their limit.',
  posting_rate_limited:
    'You have reached the hourly posting limit. Save it as a draft and submit it later, or ask comms.',
  schedule_in_past: 'Pick a time in the future, or turn scheduling off to publish as soon as cleared.',
  schedule_in_dst_gap: 'That local time does not exist (the clocks go forward); pick a later time.',
  invalid_time_zone: 'Pick the time zone from the list, e.g. Europe/London.',
  own_post: 'Another approver has to review it: the maker of a post never approves it (four eyes).',
  post_changed: 'Someone changed the post meanwhile: reload the page and look again.',
};

export function Refusal({ error, lead = 'Not sent.' }: { error: unknown; lead?: string }) {
  if (!(error instanceof ApiError)) return <ErrorNote error={error} />;
  const next =
    error.code === 'licence_required' ? (
      <>
        Go to <Link href="/licence">Licence to post</Link>, read the agreement and accept it, then try again.
      </>
    ) : error.status === 403 && !NEXT_STEP[error.code] ? (
      'Ask the communications team for a grant on this account.'
    ) : (
      NEXT_STEP[error.code]
    );
  return (
    <div className="refusal" role="alert">
      <p>
        <strong>{lead}</strong> {error.message}
      </p>
      {next ? <p>What to do: {next}</p> : null}
    </div>
  );
}
