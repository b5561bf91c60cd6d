/**
 * The organization export's file format. Every export starts with a header
 * line naming the format and its version; every other line is one record
 * with its `type`. An importer reads only the versions it knows.
 */
export const EXPORT_FORMAT = 'plinth-export';

/**
 * 1: the header; organization, member, invite, api_key, audit_log, site,
 * post, media — each media record followed by its bytes as media_content
 * records — and the types feature modules add (webhook_endpoint).
 */
export const EXPORT_VERSION = 1;

export interface ExportHeader {
  type: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
}

/** A media file's bytes, in order: `{ type, mediaId, offset, data }`, `data` base64, right after the media record. */
export const MEDIA_CONTENT = 'media_content';

/** Raw bytes per media_content line: 256 KiB once base64, so every line stays far below what an import reads as one line. */
export const MEDIA_CHUNK_BYTES = 192 * 1024;

export function exportHeader(): ExportHeader {
  return { type: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date().toISOString() };
}
