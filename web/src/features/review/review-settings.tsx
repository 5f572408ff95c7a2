// Admin: which decisions need a second person's sign-off.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { ReviewSettings } from '../../api/types.js';
import { ErrorNote, Loading } from '../../components/status.js';
import { useReviewSettings } from './hooks.js';

const ACTIONS: Array<[ReviewSettings['signoffFor'][number], string]> = [
  ['delete', 'Deleting a message'],
  ['block', 'Blocking an author'],
];
const KEY = ['review', 'settings'];

/**
 * Saves optimistically: the box turns as it is clicked (under load the answer can take seconds, and a box that
 * does not move looks broken), and goes back to the stored setting if the save is refused.
 */
function useSaveSignoff() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Pick<ReviewSettings, 'signoffFor'>) =>
      api<ReviewSettings>('PUT', '/api/v1/review/settings', body),
    onMutate: async (body) => {
      // A read already under way would land after this and undo the optimistic state.
      await client.cancelQueries({ queryKey: KEY });
      const previous = client.getQueryData<ReviewSettings>(KEY);
      if (previous) client.setQueryData<ReviewSettings>(KEY, { ...previous, ...body });
      return { previous };
    },
    onError: (_error, _body, context) => {
      if (context?.previous) client.setQueryData(KEY, context.previous);
    },
    onSuccess: (data) => client.setQueryData(KEY, data),
  });
}

export function ReviewSettingsSection() {
  const settings = useReviewSettings(true);
  const save = useSaveSignoff();
  if (settings.isPending) return <Loading what="review settings" />;
  if (settings.isError) return <ErrorNote error={settings.error} />;
  const current = settings.data.signoffFor;
  const toggle = (action: ReviewSettings['signoffFor'][number], on: boolean) =>
    save.mutate({ signoffFor: on ? [...current, action] : current.filter((a) => a !== action) });
  return (
    <section className="panel" aria-labelledby="review-settings-title">
      <h2 id="review-settings-title">Review sign-off</h2>
      <p className="muted">
        A second moderator must sign these decisions off before they are carried out. Nobody can sign off
        their own decision.
      </p>
      <fieldset aria-busy={save.isPending}>
        <legend>Needs a second person</legend>
        {ACTIONS.map(([action, label]) => (
          <label className="check" key={action}>
            <input
              type="checkbox"
              checked={current.includes(action)}
              // One save at a time: two in flight could answer out of order and leave the older setting shown.
              disabled={save.isPending}
              onChange={(e) => toggle(action, e.target.checked)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {save.isError && <ErrorNote error={save.error} />}
      {save.isPending && <p className="muted">Saving…</p>}
      {save.isSuccess && <p role="status">Sign-off settings saved.</p>}
    </section>
  );
}
