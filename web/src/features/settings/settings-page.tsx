// Organisation settings: name and two-factor policy, single sign-on, API tokens.
import { ErrorNote, Loading } from '../../components/status.js';
import { ModerationSettingsSection } from '../moderation/moderation-settings.js';
import { ReviewSettingsSection } from '../review/review-settings.js';
import { TemplatesEditor } from '../review/templates-editor.js';
import type { Permissions } from '../session/hooks.js';
import { ApiTokens } from './api-tokens.js';
import { useOrganisation, useSso } from './hooks.js';
import { OrganisationForm } from './organisation-form.js';
import { SsoForm } from './sso-form.js';

export function SettingsPage({ can }: { can: Permissions }) {
  const org = useOrganisation();
  const sso = useSso();
  return (
    <>
      <h1>Settings</h1>
      {can.manageOrganisation &&
        (org.isPending ? (
          <Loading what="the organisation" />
        ) : org.isError ? (
          <ErrorNote error={org.error} />
        ) : (
          <OrganisationForm org={org.data} />
        ))}
      {can.manageOrganisation &&
        (sso.isPending ? (
          <Loading what="single sign-on" />
        ) : sso.isError ? (
          <ErrorNote error={sso.error} />
        ) : (
          <SsoForm sso={sso.data} />
        ))}
      <ApiTokens />
      {can.manageOrganisation && <ReviewSettingsSection />}
      {can.manageOrganisation && <ModerationSettingsSection />}
      {can.manageDictionaries && <TemplatesEditor />}
    </>
  );
}
