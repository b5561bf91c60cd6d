/**
 * The page background behind cards: a light grey by day, a near-black by
 * night (CSS light-dark() follows Mantine's color-scheme on :root).
 */
export const PAGE_BACKGROUND = 'light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))';
