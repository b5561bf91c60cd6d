import { accountTemplates } from './account';
import { billingTemplates } from './billing';
import { layout, plain, RenderedMail } from './layout';
import { quotaWarning } from './quota';
import { webhookTemplates } from './webhooks';

/** Every mail Plinth sends, by name, with the parameters each needs. */
export const templates = {
  welcome: (p: { name: string; organizationName: string; appUrl: string }) =>
    layout({
      subject: 'Welcome to Plinth',
      greeting: `Hi ${plain(p.name)},`,
      paragraphs: [`Your organization “${plain(p.organizationName)}” is ready on the Free plan.`],
      action: { label: 'Open Plinth', url: p.appUrl },
    }),
  verifyEmail: (p: { name: string; url: string }) =>
    layout({
      subject: 'Confirm your email address',
      greeting: `Hi ${plain(p.name)},`,
      paragraphs: ['Please confirm that this is your email address.'],
      action: { label: 'Confirm email', url: p.url },
      footnote: 'The link is valid for 48 hours. If you did not sign up, ignore this mail.',
    }),
  passwordReset: (p: { name: string; url: string }) =>
    layout({
      subject: 'Reset your password',
      greeting: `Hi ${plain(p.name)},`,
      paragraphs: ['Someone asked to reset the password of your Plinth account.'],
      action: { label: 'Choose a new password', url: p.url },
      footnote: 'The link is valid for one hour and works once. If it was not you, ignore this mail.',
    }),
  invite: (p: { organizationName: string; inviterName: string; role: string; url: string; expiresAt: string }) =>
    layout({
      subject: `${plain(p.inviterName)} invited you to ${plain(p.organizationName)} on Plinth`,
      greeting: 'Hello,',
      paragraphs: [`${plain(p.inviterName)} invited you to join “${plain(p.organizationName)}” as ${p.role}.`],
      action: { label: 'Accept the invitation', url: p.url },
      footnote: `The link works once, for this email address, until ${p.expiresAt}.`,
    }),
  quotaWarning,
  ...accountTemplates,
  ...billingTemplates,
  ...webhookTemplates,
} satisfies Record<string, (params: never) => RenderedMail>;

export type TemplateName = keyof typeof templates;
export type TemplateParams<T extends TemplateName> = Parameters<(typeof templates)[T]>[0];

export function render<T extends TemplateName>(template: T, params: TemplateParams<T>): RenderedMail {
  return (templates[template] as (p: TemplateParams<T>) => RenderedMail)(params);
}
