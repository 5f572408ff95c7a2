// Alert e-mail over SMTP (PARAPET_SMTP_URL). One transport per process; nodemailer opens a connection per
// message, so there is nothing to close. The URL may hold a password: it never reaches a log or an error.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config/config.js';

const transports = new WeakMap<Config['mail'], Transporter>();

export const mailConfigured = (mail: Config['mail']): boolean => mail.smtpUrl !== null;

function transportFor(mail: Config['mail']): Transporter {
  let transport = transports.get(mail);
  if (!transport) {
    const url = new URL(mail.smtpUrl!);
    transport = nodemailer.createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
      logger: false,
      debug: false,
    });
    transports.set(mail, transport);
  }
  return transport;
}

/** Removes the SMTP credentials from a message (an SMTP server may echo what it was sent). */
export function withoutSmtpSecrets(mail: Config['mail'], message: string): string {
  if (!mail.smtpUrl) return message;
  const url = new URL(mail.smtpUrl);
  let out = message.split(mail.smtpUrl).join('[smtp-url]');
  for (const part of [url.password, decodeURIComponent(url.password)])
    if (part) out = out.split(part).join('[redacted]');
  return out;
}

export async function sendMail(
  mail: Config['mail'],
  message: {
    to: string;
    subject: string;
    text: string;
    // Reports (src/modules/reports) attach their PDF.
    attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
  },
): Promise<void> {
  try {
    await transportFor(mail).sendMail({ from: mail.from, ...message });
  } catch (err) {
    throw new Error(`e-mail could not be sent: ${withoutSmtpSecrets(mail, (err as Error).message)}`);
  }
}
