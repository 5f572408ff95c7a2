// Plain browser script for the foundation pages; talks to the JSON API like any client.
const $ = (id) => document.getElementById(id);
const say = (text, ok = false) => { const m = $('message'); if (m) { m.textContent = text; m.className = ok ? 'ok' : ''; } };
const hashToken = () => new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
let csrf = null;

async function api(method, url, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const data = res.headers.get('content-type')?.includes('json') ? await res.json() : {};
  if (!res.ok) throw Object.assign(new Error(data.error?.message ?? `Request failed (${res.status})`), { code: data.error?.code, status: res.status });
  return data;
}
const values = (form) => Object.fromEntries(new FormData(form).entries());
function onSubmit(id, handler) {
  const form = $(id);
  form?.addEventListener('submit', async (e) => {
    e.preventDefault();
    try { await handler(values(form)); } catch (err) { say(err.message); }
  });
}

onSubmit('setup-form', async (v) => {
  await api('POST', '/api/v1/setup', { ...v, token: hashToken() });
  say('Organisation created. Sign in with your e-mail and password.', true);
  setTimeout(() => { location.href = '/sign-in'; }, 800);
});
onSubmit('sign-in-form', async (v) => {
  const s = await api('POST', '/api/v1/auth/sign-in', v);
  csrf = s.csrfToken;
  if (s.stage === 'mfa_pending') { $('sign-in-form').hidden = true; $('mfa-form').hidden = false; $('code').focus(); say(''); return; }
  location.href = '/';
});
onSubmit('mfa-form', async ({ code }) => {
  const trimmed = code.trim();
  await api('POST', '/api/v1/auth/mfa', /^\d{6}$/.test(trimmed) ? { code: trimmed } : { recoveryCode: trimmed });
  location.href = '/';
});
onSubmit('sso-form', async ({ org }) => { location.href = `/api/v1/auth/sso/${encodeURIComponent(org.trim())}/start`; });
// Single sign-on failures come back as /sign-in#error=<code>; details stay in the server log.
const SSO_ERRORS = {
  sso_unknown_organisation: 'No organisation has that short name. Check it with your administrator.',
  sso_disabled: 'Single sign-on is not turned on for this organisation. Sign in with your e-mail and password.',
  sso_provider_unreachable: 'Your organisation’s sign-in service could not be reached. Try again in a moment.',
  sso_invalid_state: 'That sign-in link has expired or was already used. Start single sign-on again.',
  sso_cancelled: 'Single sign-on was cancelled.',
  sso_provider_error: 'Your organisation’s sign-in service reported a problem. Try again, or ask your administrator.',
  sso_email_missing: 'Your organisation’s sign-in service did not share your e-mail address, so Parapet cannot find your account.',
  sso_email_unverified: 'Your e-mail address is not verified with your organisation’s sign-in service.',
  sso_unknown_user: 'There is no Parapet account for your e-mail address in this organisation. Ask an administrator to add you.',
  sso_domain_not_allowed: 'Accounts are not created automatically for your e-mail domain. Ask an administrator to add you.',
  sso_account_suspended: 'This account is suspended. Ask your communications team or an administrator.',
  sso_failed: 'Single sign-on failed. Try again, or sign in with your password.',
};
const ssoError = new URLSearchParams(location.hash.slice(1)).get('error');
if (ssoError && $('sign-in-form')) {
  say(Object.hasOwn(SSO_ERRORS, ssoError) ? SSO_ERRORS[ssoError] : SSO_ERRORS.sso_failed);
  const sso = $('sso-form')?.closest('details');
  if (sso) sso.open = true;
}
onSubmit('invite-form', async ({ password }) => {
  const r = await api('POST', '/api/v1/auth/accept-invite', { token: hashToken(), password });
  say(`Password set for ${r.email}. You can sign in now.`, true);
  setTimeout(() => { location.href = '/sign-in'; }, 800);
});

async function showAccount() {
  let me;
  try { me = await api('GET', '/api/v1/me'); } catch (err) {
    if (err.status === 401) { location.href = err.code === 'mfa_required' ? '/sign-in' : '/sign-in'; return; }
    throw err;
  }
  csrf = me.csrfToken;
  const { user, organisation, stage } = me;
  $('account').innerHTML = '';
  const p = document.createElement('p');
  p.textContent = `Signed in as ${user.name} (${user.email}) — ${user.roles.join(', ')} at ${organisation.name}. The full dashboard arrives in a later release; the API is ready.`;
  $('account').append(p);
  $('mfa-state').textContent = user.mfaEnabled ? 'On.' : stage === 'mfa_enrolment_required'
    ? 'Your organisation requires two-factor sign-in. Set it up to continue.' : 'Off.';
  $('mfa-enrol').hidden = user.mfaEnabled;
}
$('mfa-enrol')?.addEventListener('click', async () => {
  try {
    const r = await api('POST', '/api/v1/me/mfa/enrol');
    $('mfa-secret').textContent = r.secret; $('mfa-uri').href = r.otpauthUrl; $('mfa-activate').hidden = false; $('mfa-enrol').hidden = true;
  } catch (err) { say(err.message); }
});
onSubmit('mfa-activate', async (v) => {
  const r = await api('POST', '/api/v1/me/mfa/activate', { code: v['activate-code'].trim() });
  $('mfa-activate').hidden = true; $('recovery').hidden = false; $('recovery-codes').textContent = r.recoveryCodes.join('\n');
  $('mfa-state').textContent = 'On.';
});
$('sign-out')?.addEventListener('click', async () => { try { await api('POST', '/api/v1/auth/sign-out'); } finally { location.href = '/sign-in'; } });
if ($('account')) showAccount().catch((err) => say(err.message));
