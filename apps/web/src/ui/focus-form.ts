/**
 * Brings the form named `formLabel` (its aria-label) into view and puts the
 * caret in its first field: what an empty list's "Create …" button does when
 * the form to fill it is already on the page.
 */
export function focusForm(formLabel: string): void {
  const field = document.querySelector<HTMLElement>(
    `form[aria-label="${CSS.escape(formLabel)}"] :is(input, textarea, select):not([type="hidden"]):not([disabled])`,
  );
  if (!field) return;
  field.scrollIntoView({ block: 'center', behavior: 'smooth' });
  field.focus({ preventScroll: true });
}
