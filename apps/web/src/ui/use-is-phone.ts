import { useMantineTheme } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/**
 * Below the sm breakpoint (48em), where Mantine's `hiddenFrom="sm"` shows:
 * for layouts that change shape there rather than only hide. Read at once,
 * not after a first desktop-shaped render.
 */
export function useIsPhone(): boolean {
  const { breakpoints } = useMantineTheme();
  return useMediaQuery(`not all and (min-width: ${breakpoints.sm})`, false, { getInitialValueInEffect: false });
}
