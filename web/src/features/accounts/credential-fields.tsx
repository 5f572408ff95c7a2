// What each platform needs to connect an account, and the secret fields for it. Secrets are password inputs
// with autocomplete off; they live only in this form's state and are cleared once sent.

export interface SecretField {
  key: string;
  label: string;
  hint?: string;
  optional?: boolean;
  secret: boolean;
}

export interface PlatformSpec {
  label: string;
  how: 'sandbox' | 'credentials' | 'oauth';
  intro: string;
  fields: SecretField[];
}

export const PLATFORM_SPECS: Record<string, PlatformSpec> = {
  sandbox: {
    label: 'Sandbox (practice network)',
    how: 'sandbox',
    intro: 'Creates an official account on the built-in Sandbox network, for training and demos.',
    fields: [],
  },
  bluesky: {
    label: 'Bluesky',
    how: 'credentials',
    intro: 'Use an app password (Settings → Privacy and security → App passwords), never the main password.',
    fields: [
      { key: 'identifier', label: 'Handle or DID', hint: 'e.g. force.bsky.social', secret: false },
      { key: 'appPassword', label: 'App password', secret: true },
    ],
  },
  mastodon: {
    label: 'Mastodon',
    how: 'oauth',
    intro: 'You will be sent to your Mastodon server to approve Parapet, then brought back here.',
    fields: [],
  },
  x: {
    label: 'X',
    how: 'oauth',
    intro: 'You will be sent to X to approve Parapet, then brought back here.',
    fields: [],
  },
  facebook: {
    label: 'Facebook Page',
    how: 'credentials',
    intro: 'Paste a Page access token (not a user token). Facebook is asked which Page it belongs to.',
    fields: [
      { key: 'pageAccessToken', label: 'Page access token', secret: true },
      {
        key: 'appSecret',
        label: 'App secret',
        hint: 'Optional: signs each call',
        optional: true,
        secret: true,
      },
    ],
  },
  instagram: {
    label: 'Instagram',
    how: 'credentials',
    intro: 'Paste an access token for the Instagram professional account. Instagram is asked whose it is.',
    fields: [
      { key: 'accessToken', label: 'Access token', secret: true },
      {
        key: 'appSecret',
        label: 'App secret',
        hint: 'Optional: signs each call',
        optional: true,
        secret: true,
      },
    ],
  },
};

/** The secret (and identifier) inputs for one platform, controlled by the caller. */
export function SecretFields({
  fields,
  values,
  onChange,
}: {
  fields: SecretField[];
  values: Record<string, string>;
  onChange: (key: string, value: string) => void;
}) {
  return (
    <>
      {fields.map((f) => (
        <label key={f.key}>
          {f.label}
          {f.optional ? ' (optional)' : ''}
          <input
            type={f.secret ? 'password' : 'text'}
            autoComplete="off"
            spellCheck={false}
            required={!f.optional}
            value={values[f.key] ?? ''}
            placeholder={f.hint}
            onChange={(e) => onChange(f.key, e.target.value)}
          />
        </label>
      ))}
    </>
  );
}

/** Only the filled-in fields are sent: optional secrets left empty are not credentials. */
export const filledCredentials = (values: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
