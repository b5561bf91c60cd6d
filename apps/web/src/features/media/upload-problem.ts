import { ApiError } from '@plinth/api-client';
import { humanBytes } from '../../ui/format';
import { listMediaTypes, MEDIA_TYPE_LIST } from './media-types';

/**
 * The two refusals only an upload gets, as a sentence about the chosen
 * file: too large (413) or of a type the API does not take (415).
 */
export function uploadProblemOf(error: unknown, file: File): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 413) {
    const { maxBytes } = (error.details ?? {}) as { maxBytes?: number };
    const limit = maxBytes ? humanBytes(maxBytes) : 'the upload limit';
    return `“${file.name}” is ${humanBytes(file.size)}, larger than the limit of ${limit} per file.`;
  }
  if (error.status === 415) {
    const { contentType, allowed } = (error.details ?? {}) as { contentType?: string; allowed?: string[] };
    const accepted = allowed?.length ? listMediaTypes(allowed) : MEDIA_TYPE_LIST;
    const kind = contentType ? `a ${contentType} file` : 'of a type Plinth does not accept';
    return `“${file.name}” is ${kind}. Upload a ${accepted} file.`;
  }
  return null;
}
