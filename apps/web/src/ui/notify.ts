import { notifications } from '@mantine/notifications';
import { describeFailure } from './api-failure';

/** A done action that left nothing on the page to show it: a removal, a resend, a role change. */
export function notifySuccess(title: string, message: string): void {
  notifications.show({ color: 'teal', title, message, closeButtonProps: closeButtonFor(title) });
}

/** An action started from a list row, which has no form to show its failure in. */
export function notifyFailure(title: string, error: unknown): void {
  notifications.show({ color: 'red', title, message: describeFailure(error), closeButtonProps: closeButtonFor(title) });
}

/** The close button's accessible name says which toast it closes (the theme's default says only "Close notification"). */
function closeButtonFor(title: string) {
  return { 'aria-label': `Close the notification “${title}”` };
}
