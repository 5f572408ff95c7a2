// Admin: which decisions need a second person's sign-off.
import type { ReviewSettings } from '../../api/types.js';
import { ErrorNote, Loading } from '../../components/status.js';
import { useReviewSettings, useSaveReviewSettings } from './hooks.js';

const ACTIONS: Array<[ReviewSettings['signoffFor'][number], string]> = [
  ['delete', 'Deleting a message'],
  ['block', 'Blocking an author'],
];

export function ReviewSettingsSection() {
  const settings = useReviewSettings(true);
  const save = useSaveReviewSettings();
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
      <fieldset>
        <legend>Needs a second person</legend>
        {ACTIONS.map(([action, label]) => (
          <label className="check" key={action}>
            <input
              type="checkbox"
              checked={current.includes(action)}
              disabled={save.isPending}
              onChange={(e) => toggle(action, e.target.checked)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {save.isError && <ErrorNote error={save.error} />}
      {save.isSuccess && <p role="status">Sign-off settings saved.</p>}
    </section>
  );
}
