import { layout, plain } from './layout';

/** Mails about the account itself (its sign-in address). */
export const accountTemplates = {
  emailChange: (p: { name: string; url: string }) =>
    layout({
      subject: 'Confirm your new email address',
      greeting: `Hi ${plain(p.name)},`,
      paragraphs: ['You asked to sign in to Plinth with this address from now on. Please confirm that it is yours.'],
      action: { label: 'Confirm new address', url: p.url },
      footnote: 'The link is valid for 24 hours and works once. If you did not ask for this, ignore this mail.',
    }),
  emailChangeNotice: (p: { name: string; newEmail: string }) =>
    layout({
      subject: 'Your Plinth sign-in address is being changed',
      greeting: `Hi ${plain(p.name)},`,
      paragraphs: [
        `Someone signed in to your account asked to move it to ${plain(p.newEmail, 254)}. It moves once that address confirms the change.`,
        'If this was not you, change your password now: that cancels the change and signs out every other session.',
      ],
    }),
};
