import { notifications } from '@mantine/notifications';
import { describeFailure } from './api-failure';

/** A done action that left nothing on the page to show it: a removal, a resend, a role change. */
export function notifySuccess(title: string, message: string): void {
  notifications.show({ color: 'teal', title, message });
}

/** An action started from a list row, which has no form to show its failure in. */
export function notifyFailure(title: string, error: unknown): void {
  notifications.show({ color: 'red', title, message: describeFailure(error) });
}
