// A destructive decision waiting for a second person: who asked for what, and approve / refuse for others.
import { useState } from 'react';
import type { ReviewContext } from '../../api/types.js';
import { ErrorNote } from '../../components/status.js';
import { useItemAction } from './hooks.js';

export function SignoffPanel({
  context,
  meId,
  onDone,
}: {
  context: ReviewContext;
  meId: string;
  onDone(message: string): void;
}) {
  const action = useItemAction(context.item.id);
  const [note, setNote] = useState('');
  const request = [...context.history].reverse().find((e) => e.type === 'signoff_requested');
  const deciderId = typeof request?.detail.deciderId === 'string' ? request.detail.deciderId : null;
  const own = deciderId === meId;
  // The panel goes once the item leaves "awaiting sign-off": the page shows the outcome.
  const done = (state: { status: string }) =>
    onDone(`Sign-off recorded: the item is now ${state.status.replaceAll('_', ' ')}.`);
  return (
    <section className="panel signoff" aria-labelledby="signoff-title">
      <h3 id="signoff-title">Awaiting sign-off: {request?.action ?? 'a destructive decision'}</h3>
      <p>
        {request?.actor.label ?? 'A colleague'} decided to <strong>{request?.action}</strong> this item
        {request?.note ? ` (“${request.note}”)` : ''}. A second person must sign it off before it is done.
      </p>
      {own ? (
        <p className="muted">You made this decision, so a colleague has to sign it off.</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
          }}
        >
          <label>
            Sign-off note (optional)
            <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button
            type="button"
            className="danger"
            disabled={action.isPending}
            onClick={() =>
              action.mutate({ kind: 'signoff', approve: true, note: note || null }, { onSuccess: done })
            }
          >
            Sign off: {request?.action}
          </button>{' '}
          <button
            type="button"
            className="secondary"
            disabled={action.isPending}
            onClick={() =>
              action.mutate({ kind: 'signoff', approve: false, note: note || null }, { onSuccess: done })
            }
          >
            Refuse
          </button>
        </form>
      )}
      {action.isError && <ErrorNote error={action.error} />}
    </section>
  );
}
