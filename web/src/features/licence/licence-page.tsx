// Licence to post: my status, the current agreement to read and accept; for comms and admins, publishing a
// new version, the settings, and everyone's status with their training.
import { ErrorNote, formatTime, Loading } from '../../components/status.js';
import type { PublishingPermissions } from '../publishing/permissions.js';
import { acceptAgreement, useAgreement, useLicenceMutation, useMyLicence } from './hooks.js';
import { LicenceSettingsForm, PublishAgreementForm } from './licence-admin.js';
import { LicenceUsers } from './licence-users.js';

export function LicencePage({ can }: { can: PublishingPermissions }) {
  const mine = useMyLicence();
  const agreement = useAgreement(mine.data?.currentVersion ?? null);
  const accept = useLicenceMutation(acceptAgreement);
  if (mine.isPending) return <Loading what="your licence to post" />;
  if (mine.isError) return <ErrorNote error={mine.error} />;
  const m = mine.data;
  const accepted = m.currentVersion !== null && m.acceptedVersion === m.currentVersion;
  return (
    <>
      <h1>Licence to post</h1>
      <section className={m.canPost ? 'panel' : 'panel gate'} aria-labelledby="my-licence">
        <h2 id="my-licence">{m.canPost ? 'You may post' : 'You may not post yet'}</h2>
        {m.message && <p>{m.message}</p>}
        <dl className="facts">
          <dt>Agreement</dt>
          <dd>
            {m.currentVersion === null
              ? 'No agreement has been published yet.'
              : m.acceptedVersion === null
                ? `Version ${m.currentVersion} not accepted yet`
                : `Accepted version ${m.acceptedVersion} on ${formatTime(m.acceptedAt)}${
                    accepted ? ' (the current one)' : ` — version ${m.currentVersion} is current`
                  }`}
          </dd>
          <dt>Training</dt>
          <dd>
            {m.trainingCompletedAt
              ? `Completed ${formatTime(m.trainingCompletedAt)}, valid until ${formatTime(m.trainingExpiresAt)}`
              : m.trainingRequired
                ? 'Required, not recorded yet'
                : 'Not required'}
          </dd>
        </dl>
      </section>
      {m.currentVersion !== null &&
        (agreement.isPending ? (
          <Loading what="the agreement" />
        ) : agreement.isError ? (
          <ErrorNote error={agreement.error} />
        ) : (
          <section aria-labelledby="agreement-title">
            <h2 id="agreement-title">
              {agreement.data.title} <span className="muted">(version {agreement.data.version})</span>
            </h2>
            <p className="muted">Published {formatTime(agreement.data.publishedAt)}</p>
            <div className="agreement">{agreement.data.body}</div>
            {accepted ? (
              <p className="ok" role="status">
                You have accepted this version.
              </p>
            ) : (
              <button
                type="button"
                disabled={accept.isPending}
                onClick={() => accept.mutate(agreement.data.version)}
              >
                I have read and accept version {agreement.data.version}
              </button>
            )}
            {accept.isError && <ErrorNote error={accept.error} />}
          </section>
        ))}
      {can.manageLicence && <PublishAgreementForm next={(m.currentVersion ?? 0) + 1} />}
      {can.manageLicence && <LicenceSettingsForm />}
      {can.viewLicenceOfUsers && <LicenceUsers canManage={can.manageLicence} />}
    </>
  );
}
