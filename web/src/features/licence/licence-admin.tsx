// Comms and admins: publish a new version of the agreement, and the licence settings.
import { useEffect, useState } from 'react';
import { ErrorNote, Loading } from '../../components/status.js';
import { publishAgreement, saveLicenceSettings, useLicenceMutation, useLicenceSettings } from './hooks.js';

export function PublishAgreementForm({ next }: { next: number }) {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const publish = useLicenceMutation(publishAgreement);
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        publish.mutate(
          { title, body, format: 'markdown' },
          {
            onSuccess: () => {
              setTitle('');
              setBody('');
            },
          },
        );
      }}
    >
      <h2>Publish version {next} of the agreement</h2>
      <p className="muted">
        Everyone must accept the new version before they can post again, including those who accepted an
        earlier one.
      </p>
      <label>
        Title
        <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        Agreement text
        <textarea required rows={8} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      <button type="submit" disabled={publish.isPending}>
        Publish version {next}
      </button>
      {publish.isError && <ErrorNote error={publish.error} />}
      {publish.isSuccess && <p role="status">Version {publish.data.version} is now current.</p>}
    </form>
  );
}

export function LicenceSettingsForm() {
  const settings = useLicenceSettings(true);
  const save = useLicenceMutation(saveLicenceSettings);
  const [required, setRequired] = useState(false);
  const [warnDays, setWarnDays] = useState(14);
  useEffect(() => {
    if (!settings.data) return;
    setRequired(settings.data.trainingRequired);
    setWarnDays(settings.data.warnDaysBeforeExpiry);
  }, [settings.data]);
  if (settings.isPending) return <Loading what="licence settings" />;
  if (settings.isError) return <ErrorNote error={settings.error} />;
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ trainingRequired: required, warnDaysBeforeExpiry: warnDays });
      }}
    >
      <h2>Licence settings</h2>
      <label className="check">
        <input type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} />
        Training is required before posting
      </label>
      <label>
        Warn this many days before training expires
        <input
          type="number"
          min={0}
          max={365}
          value={warnDays}
          onChange={(e) => setWarnDays(Number(e.target.value))}
        />
      </label>
      <button type="submit" disabled={save.isPending}>
        Save settings
      </button>
      {save.isError && <ErrorNote error={save.error} />}
      {save.isSuccess && <p role="status">Saved.</p>}
    </form>
  );
}
