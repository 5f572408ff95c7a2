import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { loadConfig } from '../../config/config.js';
import { withoutSmtpSecrets } from './mailer.js';
import { postWebhook, signWebhook, WebhookSendError } from './webhook-client.js';

describe('webhook client', () => {
  test('signature is sha256 HMAC of "timestamp.body"', () => {
    const expected = createHmac('sha256', 'secret').update('1700000000.{"a":1}').digest('hex');
    assert.equal(signWebhook('secret', '1700000000', '{"a":1}'), `sha256=${expected}`);
    assert.match(signWebhook('secret', '1', 'x'), /^sha256=[0-9a-f]{64}$/);
    assert.notEqual(
      signWebhook('secret', '1', 'x'),
      signWebhook('secret', '2', 'x'),
      'the timestamp is signed',
    );
  });

  test('an endpoint that does not answer times out (without naming the URL)', async () => {
    const server = createServer(() => {}); // never answers
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/secret-path`;
    try {
      const started = Date.now();
      await assert.rejects(
        postWebhook(fetch, { url, secret: 's', body: {}, timeoutMs: 200 }),
        (err: Error) =>
          err instanceof WebhookSendError &&
          /no answer within 0.2 s/.test(err.message) &&
          !err.message.includes('secret-path'),
      );
      assert.ok(Date.now() - started < 2000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('mail settings', () => {
  test('PARAPET_SMTP_URL is validated without echoing its password', () => {
    assert.throws(
      () => loadConfig({ PARAPET_SMTP_URL: 'http://user:Hunter2-Password@mail.example' }),
      (err: Error) => err.message.startsWith('PARAPET_SMTP_URL') && !err.message.includes('Hunter2'),
    );
    assert.throws(
      () => loadConfig({ PARAPET_SMTP_URL: 'smtp://h', PARAPET_MAIL_FROM: 'not an address' }),
      /PARAPET_MAIL_FROM/,
    );
    const ok = loadConfig({
      PARAPET_SMTP_URL: 'smtps://u:p%40ss@mail.example:465',
      PARAPET_MAIL_FROM: 'Alerts <a@b.example>',
    });
    assert.equal(ok.mail.from, 'Alerts <a@b.example>');
    assert.equal(loadConfig({}).mail.smtpUrl, null);
    assert.equal(
      withoutSmtpSecrets(ok.mail, 'login failed for p@ss and p%40ss'),
      'login failed for [redacted] and [redacted]',
    );
  });
});
