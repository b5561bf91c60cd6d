// A local SMTP catcher with a web inbox (MailDev) for `npm start` and tests.
import { MailDev } from 'maildev';

/**
 * @param {{ smtpPort: number, webPort: number, mailDirectory?: string }} options
 *   `mailDirectory`: mail is kept there and shown again after a restart; unset, it is kept in memory only.
 * @returns {Promise<{ smtpUrl: string, inboxUrl: string, stop: () => Promise<void> }>}
 */
export async function startMailCatcher({ smtpPort, webPort, mailDirectory }) {
  const maildev = new MailDev({
    smtp: smtpPort,
    web: webPort,
    ip: '127.0.0.1',
    webIp: '127.0.0.1',
    silent: true,
    ...(mailDirectory && { mailDirectory }),
  });
  await maildev.start();
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    inboxUrl: `http://127.0.0.1:${webPort}`,
    stop: () => maildev.stop(),
  };
}
