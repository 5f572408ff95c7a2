// Plain browser script for the foundation pages; talks to the JSON API like any client.
const $ = (id) => document.getElementById(id);
const say = (text, ok = false) => {
  const m = $('message');
  if (m) {
    m.textContent = text;
    m.className = ok ? 'ok' : '';
  }
};
const sayWithLink = (text, href, linkText) => {
  say(`${text} `);
  const a = Object.assign(document.createElement('a'), { href, textContent: linkText });
  $('message').append(a);
};
const hashToken = () => new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
let csrf = null;

async function api(method, url, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = res.headers.get('content-type')?.includes('json') ? await res.json() : {};
  if (!res.ok)
    throw Object.assign(new Error(data.error?.message ?? `Request failed (${res.status})`), {
      code: data.error?.code,
      status: res.status,
    });
  return data;
}
const values = (form) => Object.fromEntries(new FormData(form).entries());
// Problems go to the page's status line (read out by screen readers, visible in the page) rather than the
// browser's transient validation bubbles; the field is marked invalid and focused.
function problemWith(el) {
  const label = document.querySelector(`label[for="${el.id}"]`)?.textContent ?? el.name;
  if (el.validity.valueMissing) return `Fill in “${label}”.`;
  if (el.validity.tooShort)
    return el.type === 'password'
      ? `Choose a password of at least ${el.minLength} characters.`
      : `“${label}” needs at least ${el.minLength} characters.`;
  if (el.validity.typeMismatch && el.type === 'email')
    return 'Enter a full e-mail address, such as name@example.org.';
  return `${label}: ${el.validationMessage}`;
}
function onSubmit(id, handler) {
  const form = $(id);
  if (!form) return;
  form.noValidate = true;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (form.getAttribute('aria-busy') === 'true') return;
    const fields = [...form.elements].filter((el) => el.willValidate);
    for (const el of fields) el.removeAttribute('aria-invalid');
    const bad = fields.find((el) => !el.checkValidity());
    if (bad) {
      bad.setAttribute('aria-invalid', 'true');
      say(problemWith(bad));
      bad.focus();
      return;
    }
    // aria-busy rather than disabling the button, which would drop keyboard focus to the page.
    form.setAttribute('aria-busy', 'true');
    try {
      await handler(values(form));
    } catch (err) {
      say(err.message);
    } finally {
      form.removeAttribute('aria-busy');
    }
  });
}

const SETUP_LINK_INVALID =
  'This setup link is not valid: it was already used or a newer one replaced it. Restart Parapet to print a new link.';
onSubmit('setup-form', async (v) => {
  await api('POST', '/api/v1/setup', { ...v, token: hashToken() }).catch((err) => {
    throw err.code === 'invalid_token' ? new Error(SETUP_LINK_INVALID) : err;
  });
  say('Organisation created. Sign in with your e-mail and password.', true);
  setTimeout(() => {
    location.href = '/sign-in';
  }, 800);
});
// Back to the dashboard page that sent the user here (only a path of our own dashboard, never another site).
const afterSignIn = () => {
  const next = new URLSearchParams(location.search).get('next') ?? '';
  return /^\/app(\/[\w\-/]*)?$/.test(next) ? next : '/';
};
onSubmit('sign-in-form', async (v) => {
  const s = await api('POST', '/api/v1/auth/sign-in', v);
  csrf = s.csrfToken;
  if (s.stage === 'mfa_pending') {
    $('sign-in-form').hidden = true;
    $('sso').hidden = true;
    $('mfa-form').hidden = false;
    $('code').focus();
    say('');
    return;
  }
  location.href = afterSignIn();
});
onSubmit('mfa-form', async ({ code }) => {
  const trimmed = code.trim();
  await api(
    'POST',
    '/api/v1/auth/mfa',
    /^\d{6}$/.test(trimmed) ? { code: trimmed } : { recoveryCode: trimmed },
  );
  location.href = afterSignIn();
});
onSubmit('sso-form', async ({ org }) => {
  location.href = `/api/v1/auth/sso/${encodeURIComponent(org.trim())}/start`;
});
// Single sign-on failures come back as /sign-in#error=<code>; details stay in the server log.
const SSO_ERRORS = {
  sso_unknown_organisation: 'No organisation has that short name. Check it with your administrator.',
  sso_disabled:
    'Single sign-on is not turned on for this organisation. Sign in with your e-mail and password.',
  sso_provider_unreachable:
    'Your organisation’s sign-in service could not be reached. Try again in a moment.',
  sso_invalid_state: 'That sign-in link has expired or was already used. Start single sign-on again.',
  sso_cancelled: 'Single sign-on was cancelled.',
  sso_provider_error:
    'Your organisation’s sign-in service reported a problem. Try again, or ask your administrator.',
  sso_email_missing:
    'Your organisation’s sign-in service did not share your e-mail address, so Parapet cannot find your account.',
  sso_email_unverified: 'Your e-mail address is not verified with your organisation’s sign-in service.',
  sso_unknown_user:
    'There is no Parapet account for your e-mail address in this organisation. Ask an administrator to add you.',
  sso_domain_not_allowed:
    'Accounts are not created automatically for your e-mail domain. Ask an administrator to add you.',
  sso_account_suspended: 'This account is suspended. Ask your communications team or an administrator.',
  sso_failed: 'Single sign-on failed. Try again, or sign in with your password.',
};
function showSsoError() {
  const ssoError = new URLSearchParams(location.hash.slice(1)).get('error');
  if (!ssoError || !$('sign-in-form')) return;
  say(Object.hasOwn(SSO_ERRORS, ssoError) ? SSO_ERRORS[ssoError] : SSO_ERRORS.sso_failed);
  $('sso').open = true;
}
showSsoError();
// A fragment-only change does not reload the page.
addEventListener('hashchange', showSsoError);
onSubmit('invite-form', async ({ password }) => {
  const r = await api('POST', '/api/v1/auth/accept-invite', { token: hashToken(), password });
  say(`Password set for ${r.email}. You can sign in now.`, true);
  setTimeout(() => {
    location.href = '/sign-in';
  }, 800);
});

async function showAccount() {
  let me;
  try {
    me = await api('GET', '/api/v1/me');
  } catch (err) {
    if (err.status === 401) {
      location.href = '/sign-in';
      return;
    }
    throw err;
  }
  // A session that passed the password but not the second factor is not signed in yet.
  if (me.stage === 'mfa_pending') {
    location.href = '/sign-in';
    return;
  }
  csrf = me.csrfToken;
  const { user, organisation, stage } = me;
  const dl = document.createElement('dl');
  for (const [term, value] of [
    ['Name', user.name],
    ['E-mail', user.email],
    ['Organisation', organisation.name],
    ['Roles', user.roles.join(', ')],
  ]) {
    dl.append(
      Object.assign(document.createElement('dt'), { textContent: term }),
      Object.assign(document.createElement('dd'), { textContent: value }),
    );
  }
  $('account').replaceChildren(dl);
  $('mfa-state').textContent = user.mfaEnabled
    ? 'On: signing in asks for a code from your authenticator app.'
    : stage === 'mfa_enrolment_required'
      ? 'Your organisation requires two-factor sign-in. Set it up to continue.'
      : 'Off. Turn it on so that a stolen password is not enough to sign in as you.';
  $('mfa-enrol').hidden = user.mfaEnabled;
}
$('mfa-enrol')?.addEventListener('click', async () => {
  try {
    const r = await api('POST', '/api/v1/me/mfa/enrol');
    $('mfa-secret').textContent = r.secret;
    $('mfa-uri').href = r.otpauthUrl;
    $('mfa-activate').hidden = false;
    $('mfa-enrol').hidden = true;
    $('activate-code').focus();
  } catch (err) {
    say(err.message);
  }
});
onSubmit('mfa-activate', async (v) => {
  const r = await api('POST', '/api/v1/me/mfa/activate', { code: v['activate-code'].trim() });
  $('mfa-activate').hidden = true;
  $('recovery').hidden = false;
  $('recovery-codes').textContent = r.recoveryCodes.join('\n');
  $('mfa-state').textContent = 'On: signing in asks for a code from your authenticator app.';
  say('Two-factor sign-in is on.', true);
});
$('sign-out')?.addEventListener('click', async () => {
  try {
    await api('POST', '/api/v1/auth/sign-out');
  } finally {
    location.href = '/sign-in';
  }
});
if ($('account')) showAccount().catch((err) => say(err.message));

// The setup and invite pages only work from the one-time link; say so at once rather than after the form is filled.
async function checkSetupLink() {
  if (!hashToken()) {
    $('setup-form').hidden = true;
    say('Open this page with the one-time setup link that Parapet printed when it started.');
    return;
  }
  const { needed } = await api('GET', '/api/v1/setup');
  if (!needed) {
    $('setup-form').hidden = true;
    sayWithLink('Parapet is already set up, so this setup link no longer works.', '/sign-in', 'Sign in');
  }
}
if ($('setup-form'))
  checkSetupLink().catch(() => {
    /* the form still works; problems show on submit */
  });
if ($('invite-form') && !hashToken()) {
  $('invite-form').hidden = true;
  say(
    'Open this page with the full invite link you were given. If it no longer works, ask an administrator for a new one.',
  );
}
