import { createTheme, Input, Notification } from '@mantine/core';
import classes from './theme.module.css';

/** The one theme of the SPA, for both colour schemes. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  focusRing: 'auto',
  components: {
    // Every text input, select, textarea and password field: a visible ring while focused.
    Input: Input.extend({ classNames: { input: classes.input } }),
    // Toasts: the close button is an icon, so it needs a name of its own.
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } } }),
  },
});
