import { useEffect, useState } from 'react';

/**
 * An object URL for `blob` while the component shows it: created when the
 * blob arrives, revoked when it changes or the component unmounts, so the
 * bytes do not stay pinned in memory for the life of the tab.
 */
export function useObjectUrl(blob: Blob | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return;
    }
    const objectUrl = URL.createObjectURL(blob);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [blob]);
  return url;
}
