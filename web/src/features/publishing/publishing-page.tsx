// Publishing controls for comms and admins: the organisation-wide "pause all publishing" switch (critical
// incidents) with what it holds, and the posting rate limit and volume alert.
import { useEffect, useState } from 'react';
import { ErrorNote, formatTime, Loading } from '../../components/status.js';
import { useUsers } from '../accounts/hooks.js';
import {
  usePauseControl,
  usePublishingSettings,
  usePublishingStatus,
  useSavePublishingSettings,
} from './hooks.js';
import type { PublishingPermissions } from './permissions.js';

const HOLD_LABEL: Record<string, string> = {
  organisation_paused: 'by the pause',
  account_suspended: 'by a suspended account',
  account_unavailable: 'by an account that cannot publish',
  author_suspended: 'by a suspended author',
  author_unlicensed: 'by an author without a licence to post',
};

export function PublishingPage({ can, canListUsers }: { can: PublishingPermissions; canListUsers: boolean }) {
  const status = usePublishingStatus(can.viewPublishingStatus);
  const control = usePauseControl();
  const users = useUsers(canListUsers);
  const [reason, setReason] = useState('');
  if (status.isPending) return <Loading what="the publishing switch" />;
  if (status.isError) return <ErrorNote error={status.error} />;
  const s = status.data;
  const held = Object.entries(s.held).filter(([, n]) => n > 0);
  const released = control.data && 'released' in control.data ? Number(control.data.released) : null;
  const by = users.data?.users.find((u) => u.id === s.pausedBy)?.name ?? 'a colleague';
  return (
    <>
      <h1>Publishing controls</h1>
      <section className={s.paused ? 'panel kill paused' : 'panel kill'} aria-labelledby="switch">
        <h2 id="switch">{s.paused ? 'All publishing is paused' : 'Publishing is running'}</h2>
        {s.paused ? (
          <p>
            Paused by {by} on {formatTime(s.pausedAt)}: <strong>{s.reason}</strong>. Posts that come due are
            held, not lost; resuming sends them (at once if their time has passed).
          </p>
        ) : (
          <p>
            In a critical incident, pause every account at once. Nothing is lost: posts that come due are held
            until you resume.
          </p>
        )}
        <p>
          {held.length === 0
            ? 'No posts are held.'
            : held
                .map(([kind, n]) => `${n} post${n === 1 ? '' : 's'} held ${HOLD_LABEL[kind] ?? kind}`)
                .join('; ')}
        </p>
        {can.controlPublishing &&
          (s.paused ? (
            <button
              type="button"
              disabled={control.isPending}
              onClick={() => control.mutate({ pause: false })}
            >
              Resume publishing
            </button>
          ) : (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                control.mutate({ pause: true, reason }, { onSuccess: () => setReason('') });
              }}
            >
              <label>
                Reason (audited, shown to colleagues)
                <input required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
              <button type="submit" className="danger" disabled={control.isPending}>
                Pause all publishing
              </button>
            </form>
          ))}
        {control.isError && <ErrorNote error={control.error} />}
        {released !== null && (
          <p role="status">
            Resumed: {released} held post{released === 1 ? '' : 's'} released.
          </p>
        )}
      </section>
      {can.viewSettings && <SettingsForm canEdit={can.manageSettings} />}
    </>
  );
}

function SettingsForm({ canEdit }: { canEdit: boolean }) {
  const settings = usePublishingSettings(true);
  const save = useSavePublishingSettings();
  const [rate, setRate] = useState(30);
  const [volume, setVolume] = useState(20);
  useEffect(() => {
    if (!settings.data) return;
    setRate(settings.data.postsPerUserPerHour);
    setVolume(settings.data.volumeAlertPerHour);
  }, [settings.data]);
  if (settings.isPending) return <Loading what="publishing settings" />;
  if (settings.isError) return <ErrorNote error={settings.error} />;
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ postsPerUserPerHour: rate, volumeAlertPerHour: volume });
      }}
    >
      <h2>Publishing settings</h2>
      <label>
        Posts one person may submit per hour (more are refused)
        <input
          type="number"
          min={1}
          max={10000}
          disabled={!canEdit}
          value={rate}
          onChange={(e) => setRate(Number(e.target.value))}
        />
      </label>
      <label>
        Alert when one person submits more than this per hour (a compromised-account signal)
        <input
          type="number"
          min={1}
          max={10000}
          disabled={!canEdit}
          value={volume}
          onChange={(e) => setVolume(Number(e.target.value))}
        />
      </label>
      {canEdit && (
        <button type="submit" disabled={save.isPending}>
          Save settings
        </button>
      )}
      {save.isError && <ErrorNote error={save.error} />}
      {save.isSuccess && <p role="status">Saved.</p>}
    </form>
  );
}
