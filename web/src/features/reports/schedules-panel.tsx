// Report schedules for admin and comms: the list, each editable, and the form for a new one.
import { useState } from 'react';
import { Empty, ErrorNote, Loading } from '../../components/status.js';
import { useTeams, useUsers } from '../accounts/hooks.js';
import { useSchedules } from '../analytics/hooks.js';
import { NewScheduleForm } from './new-schedule-form.js';
import { ScheduleRow } from './schedule-row.js';

export function SchedulesPanel({ canListUsers }: { canListUsers: boolean }) {
  const schedules = useSchedules(true);
  const teams = useTeams();
  const users = useUsers(canListUsers);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState(false);
  const teamList = teams.data?.teams ?? [];
  const userList = users.data?.users ?? [];
  return (
    <section aria-labelledby="schedules-title">
      <h3 id="schedules-title">Scheduled reports</h3>
      <p className="muted">
        Built automatically (HTML and PDF, with charts) and e-mailed to the people chosen.
      </p>
      {schedules.isPending ? (
        <Loading what="schedules" />
      ) : schedules.isError ? (
        <ErrorNote error={schedules.error} />
      ) : schedules.data.schedules.length === 0 ? (
        <Empty>No scheduled reports yet.</Empty>
      ) : (
        <ul className="schedules">
          {schedules.data.schedules.map((s) => (
            <ScheduleRow key={`${s.id}-${s.updatedAt}`} s={s} teams={teamList} users={userList} />
          ))}
        </ul>
      )}
      {created && !adding && (
        <p role="status" className="ok">
          Report scheduled.
        </p>
      )}
      {adding ? (
        <NewScheduleForm
          teams={teamList}
          users={userList}
          onDone={(done) => {
            setAdding(false);
            setCreated(done);
          }}
        />
      ) : (
        <button
          type="button"
          onClick={() => {
            setCreated(false);
            setAdding(true);
          }}
        >
          Schedule a report
        </button>
      )}
    </section>
  );
}
