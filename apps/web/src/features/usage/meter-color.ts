/** The API warns at 80, 90 and 95 % of a limit (X-Quota-Warning); the meters change colour at the same marks. */
export function meterColor(percentage: number | null): string {
  if (percentage === null) return 'gray';
  if (percentage >= 95) return 'red';
  if (percentage >= 90) return 'orange';
  if (percentage >= 80) return 'yellow';
  return 'teal';
}
