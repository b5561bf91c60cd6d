import { createParamDecorator, ExecutionContext, Injectable, PipeTransform } from '@nestjs/common';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { unstorableText } from '../../../common/validation.pipe';
import { AppConfig } from '../../../config/app-config';
import { InvalidUploadError, UnsupportedMediaTypeError } from './media.errors';
import { sniffedContent } from './content-sniffing';
import { uploadContent } from './upload-stream';
import { isMediaType, MEDIA_TYPES } from './media-types';

export const UPLOAD_FIELD = 'file';
const FILENAME_MAX = 255;
const MISSING_FILE = `send one file in the multipart field "${UPLOAD_FIELD}"`;

/** A validated upload whose bytes have not been read yet. */
export interface MediaUpload {
  filename: string;
  contentType: string;
  /** Fails with 413 past MEDIA_MAX_BYTES, with 400 when cut off, with 415 when its bytes are not `contentType`. */
  content: Readable;
  /** The request's Content-Length, when the client sent one: the file is at most that. */
  declaredBytes: number | null;
}

const RawRequest = createParamDecorator((_data: unknown, context: ExecutionContext) => context.switchToHttp().getRequest());

/** The multipart part `file` of the request as a MediaUpload (streamed, never buffered). */
export const UploadedMedia = (): ParameterDecorator => RawRequest(ReadMediaUpload);

@Injectable()
export class ReadMediaUpload implements PipeTransform<FastifyRequest, Promise<MediaUpload>> {
  constructor(private readonly config: AppConfig) {}

  async transform(request: FastifyRequest): Promise<MediaUpload> {
    const part = await firstFile(request);
    if (!part) throw new InvalidUploadError(MISSING_FILE);
    const problem = uploadProblem(part);
    if (problem) {
      part.file.resume(); // drained, so the answer is not stuck behind an unread body
      throw problem;
    }
    const contentType = part.mimetype.toLowerCase();
    return {
      filename: part.filename.trim(),
      contentType,
      content: sniffedContent(uploadContent(part, this.config.MEDIA_MAX_BYTES), contentType),
      declaredBytes: Number(request.headers['content-length']) || null,
    };
  }
}

async function firstFile(request: FastifyRequest): Promise<MultipartFile | undefined> {
  if (!request.isMultipart()) return undefined;
  try {
    return await request.file();
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status < 500) throw error;
    throw new InvalidUploadError('the multipart body is malformed');
  }
}

function uploadProblem(part: MultipartFile): Error | null {
  if (part.fieldname !== UPLOAD_FIELD) return new InvalidUploadError(MISSING_FILE);
  const others = Object.keys(part.fields).filter((name) => name !== UPLOAD_FIELD);
  if (others.length > 0) return new InvalidUploadError(`unexpected fields: ${others.join(', ')}`);
  const filename = part.filename.trim();
  if (!filename || filename.length > FILENAME_MAX) return new InvalidUploadError(`the filename must have 1 to ${FILENAME_MAX} characters`);
  if (unstorableText(filename, 'file')) return new InvalidUploadError('the filename must be well-formed Unicode without NUL bytes');
  if (!isMediaType(part.mimetype.toLowerCase())) return new UnsupportedMediaTypeError(part.mimetype, MEDIA_TYPES);
  return null;
}
