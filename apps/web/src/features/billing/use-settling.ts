import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * True for `ms` after `restart()` — and from the start when `initially` —
 * then false: the time in which payment events may still be landing, so
 * the subscription is worth reading again.
 */
export function useSettling(ms: number, initially = false): { settling: boolean; restart: () => void } {
  const [settling, setSettling] = useState(initially);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const restart = useCallback(() => {
    clearTimeout(timer.current);
    setSettling(true);
    timer.current = setTimeout(() => setSettling(false), ms);
  }, [ms]);

  useEffect(() => {
    if (initially) restart();
  }, [initially, restart]);
  useEffect(() => () => clearTimeout(timer.current), []);

  return { settling, restart };
}
