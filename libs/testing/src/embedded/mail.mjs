// A local SMTP catcher with a web inbox (MailDev) for `npm start` and tests.
import { MailDev } from 'maildev';

/**
 * @param {{ smtpPort: number, webPort: number }} ports
 * @returns {Promise<{ smtpUrl: string, inboxUrl: string, stop: () => Promise<void> }>}
 */
export async function startMailCatcher({ smtpPort, webPort }) {
  const maildev = new MailDev({ smtp: smtpPort, web: webPort, ip: '127.0.0.1', webIp: '127.0.0.1', silent: true });
  await maildev.start();
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    inboxUrl: `http://127.0.0.1:${webPort}`,
    stop: () => maildev.stop(),
  };
}
