/**
 * The file types a site may hold. SVG is left out on purpose: it can carry
 * script, and a site serving uploads from its own origin would run it.
 */
export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf', 'video/mp4'] as const;

export function isMediaType(contentType: string): boolean {
  return (MEDIA_TYPES as readonly string[]).includes(contentType);
}
