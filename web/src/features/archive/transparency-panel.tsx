// Publishing the public transparency report (monthly counts of hidden, removed and blocked items, no personal data),
// with a signed-in preview so an admin sees what it will show before publishing it.
import { ErrorNote, Loading } from '../../components/status.js';
import { useSetTransparency, useTransparency } from './hooks.js';

export function TransparencyPanel({ slug }: { slug: string }) {
  const settings = useTransparency(true);
  const set = useSetTransparency();
  const href = `/transparency/${encodeURIComponent(slug)}`;
  return (
    <section className="panel">
      <h2>Public transparency report</h2>
      {settings.isPending ? (
        <Loading what="the transparency setting" />
      ) : settings.isError ? (
        <ErrorNote error={settings.error} />
      ) : (
        <>
          <p role="status">
            {settings.data.enabled ? (
              <>
                Published at <a href={href}>{href}</a> (small counts are shown as “&lt;5”). The same figures
                for reuse:{' '}
                <a href={`/api/v1${href}`} target="_blank" rel="noreferrer">
                  JSON
                </a>
                .
              </>
            ) : (
              <>
                Not published: the public page answers “not found”. It shows monthly counts of hidden, removed
                and blocked items by reason, and no names, handles or message text.
              </>
            )}
          </p>
          <p>
            {/* Signed-in only: the same page and figures as the public one, published or not. */}
            <a href="/transparency-preview">Preview the public report</a>
          </p>
          <button
            type="button"
            className={settings.data.enabled ? 'secondary' : undefined}
            disabled={set.isPending}
            onClick={() => set.mutate(!settings.data.enabled)}
          >
            {settings.data.enabled ? 'Withdraw the public report' : 'Publish the public report'}
          </button>
          {set.isError && <ErrorNote error={set.error} />}
        </>
      )}
    </section>
  );
}
