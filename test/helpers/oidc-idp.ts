// A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for SSO tests, and a tiny browser: a cookie
// jar plus manual redirects, so every hop of the flow is a real HTTP request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Claims to merge into an account's claims, by login name (e.g. email_verified: false). */
  claimOverrides: Map<string, Record<string, unknown>>;
  /** How many times the discovery document was fetched. */
  discoveryFetches(): number;
  close(): Promise<void>;
}

export async function startIdp(redirectUri: string): Promise<TestIdp> {
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  let discoveries = 0;
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/.well-known/openid-configuration')) discoveries++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'parapet-test';
  const clientSecret = `idp-secret-${Math.random().toString(36).slice(2)}-do-not-leak`;
  const claimOverrides = new Map<string, Record<string, unknown>>();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    // The login name typed into the devInteractions form is the account id and its e-mail address.
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({
        sub,
        email: sub,
        email_verified: true,
        name: `IdP ${sub.split('@')[0]}`,
        ...claimOverrides.get(sub),
      }),
    }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Put the requested claims in the id_token itself (Parapet reads the id_token, like most IdPs send it).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ['oidc-test-cookie-key'] },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    features: { devInteractions: { enabled: true } },
  });
  handler = provider.callback();
  return {
    issuer,
    clientId,
    clientSecret,
    claimOverrides,
    discoveryFetches: () => discoveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cookies per origin with path matching; enough of RFC 6265 for two loopback servers. */
export class CookieJar {
  private readonly jars = new Map<string, Map<string, { value: string; path: string }>>();

  store(url: URL, res: Response): void {
    const jar = this.jars.get(url.origin) ?? new Map();
    this.jars.set(url.origin, jar);
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const attr = (key: string) =>
        attrs
          .find((a) => a.toLowerCase().startsWith(`${key}=`))
          ?.split('=')
          .slice(1)
          .join('=');
      const path = attr('path') ?? '/';
      const expires = attr('expires');
      const maxAge = attr('max-age');
      const gone =
        value === '' ||
        (maxAge !== undefined && Number(maxAge) <= 0) ||
        (expires !== undefined && Date.parse(expires) <= Date.now());
      if (gone) jar.delete(name);
      else jar.set(name, { value, path });
    }
  }

  header(url: URL): string {
    const jar = this.jars.get(url.origin);
    if (!jar) return '';
    return [...jar]
      .filter(
        ([, c]) =>
          url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`),
      )
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  get(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name)?.value;
  }

  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.header(target);
    if (cookie && !headers.has('cookie')) headers.set('cookie', cookie);
    const res = await fetch(target, {
      ...init,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    this.store(target, res);
    return res;
  }
}

/**
 * Drives the browser side from Parapet's /start to the moment the IdP redirects back, and returns that
 * callback URL without visiting it. `decide` picks what the user does on the IdP's login page.
 */
export async function runToCallback(
  jar: CookieJar,
  startUrl: string,
  idp: TestIdp,
  login: string,
  decide: 'login' | 'abort' = 'login',
): Promise<URL> {
  let url = new URL(startUrl);
  let res = await jar.fetch(url);
  for (let hop = 0; hop < 20; hop++) {
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      await res.arrayBuffer();
      if (next.origin !== idp.issuer) return next;
      url = next;
      res = await jar.fetch(url);
      continue;
    }
    const html = await res.text();
    if (res.status !== 200)
      throw new Error(`IdP answered ${res.status} at ${url.pathname}: ${html.slice(0, 300)}`);
    const action = new URL(html.match(/<form[^>]*action="([^"]+)"/)![1]!.replace(/&amp;/g, '&'), url);
    const prompt = html.match(/name="prompt" value="(\w+)"/)?.[1];
    if (prompt === 'login' && decide === 'abort') {
      url = new URL(`${action.pathname}/abort`, url);
      res = await jar.fetch(url);
      continue;
    }
    const form: Record<string, string> =
      prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt: prompt ?? 'consent' };
    url = action;
    res = await jar.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }
  throw new Error('too many redirects');
}
