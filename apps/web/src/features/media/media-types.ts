import type { Schemas } from '@plinth/api-client';

type MediaType = Schemas['MediaDto']['contentType'];

/** `Record` over the API's media types: the build fails when the API accepts a type not named here. */
const MEDIA_TYPE_NAMES: Record<MediaType, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'application/pdf': 'PDF',
  'video/mp4': 'MP4',
};

/** For the file picker: it offers these first, but the API decides (415 for anything else). */
export const ACCEPTED_MEDIA_TYPES = Object.keys(MEDIA_TYPE_NAMES).join(',');

export function mediaTypeName(contentType: string): string {
  return MEDIA_TYPE_NAMES[contentType as MediaType] ?? contentType;
}

/** ["JPEG", "PNG", "PDF"] → "JPEG, PNG or PDF". */
export function listMediaTypes(contentTypes: readonly string[]): string {
  const names = contentTypes.map(mediaTypeName);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? '');
}

export const MEDIA_TYPE_LIST = listMediaTypes(Object.keys(MEDIA_TYPE_NAMES));
