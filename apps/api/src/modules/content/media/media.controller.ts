import { Controller, Delete, Get, Header, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiProduces, ApiTags } from '@nestjs/swagger';
import { inlineDisposition } from './content-disposition';
import { TakesUpload } from '../../../common/content-type.guard';
import { Authorize, TenantContext } from '@plinth/tenancy';
import type { Page } from '../../../common/envelope.interceptor';
import { ApiEndpoint } from '../../../common/openapi.decorators';
import { PageQueryDto } from '../../../common/pagination';
import { MediaDto } from './dto/media.dto';
import { MediaService } from './media.service';
import { MEDIA_TYPES } from './media-types';
import { MediaUpload, UPLOAD_FIELD, UploadedMedia } from './uploaded-media';
import { ParseIdPipe } from '../../../common/request-params';

const ERRORS = ['VALIDATION_FAILED', 'NOT_FOUND'] as const;

@ApiTags('media')
@Controller('sites/:siteId/media')
export class MediaController {
  constructor(
    private readonly media: MediaService,
    private readonly tenant: TenantContext,
  ) {}

  @Post()
  @Authorize('media:upload', { transaction: 'own' })
  @TakesUpload()
  @ApiBody({
    schema: {
      type: 'object',
      required: [UPLOAD_FIELD],
      properties: { [UPLOAD_FIELD]: { type: 'string', format: 'binary', description: `One of ${MEDIA_TYPES.join(', ')}` } },
    },
  })
  @ApiEndpoint({
    summary: 'Upload a file to the site (counts its bytes against `storage_bytes`)',
    description: 'One file per request, at most MEDIA_MAX_BYTES (default 25 MB): larger is 413, another type is 415.',
    response: MediaDto,
    status: 201,
    errors: [...ERRORS, 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  })
  upload(@Param('siteId', ParseIdPipe) siteId: string, @UploadedMedia() upload: MediaUpload): Promise<MediaDto> {
    return this.media.upload(this.tenant, siteId, upload);
  }

  @Get()
  @Authorize('posts:read')
  @ApiEndpoint({ summary: 'The site’s media, newest first', response: MediaDto, paginated: true, errors: [...ERRORS] })
  list(@Param('siteId', ParseIdPipe) siteId: string, @Query() page: PageQueryDto): Promise<Page<MediaDto>> {
    return this.media.list(this.tenant, siteId, page);
  }

  @Get(':id/content')
  @Authorize('posts:read', { transaction: 'own' })
  @ApiProduces(...MEDIA_TYPES)
  @Header('X-Content-Type-Options', 'nosniff')
  // Served from the API's origin: nothing in a file may run, load, or reach the session (a PDF's script included).
  @Header('Content-Security-Policy', "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox")
  @Header('Cache-Control', 'private, max-age=300')
  @ApiEndpoint({
    summary: 'The file’s bytes, with its stored type',
    description: 'Sent with `X-Content-Type-Options: nosniff` and a sandboxing Content-Security-Policy, inline with its filename.',
    errors: [...ERRORS],
  })
  async content(@Param('siteId', ParseIdPipe) siteId: string, @Param('id', ParseIdPipe) mediaId: string): Promise<StreamableFile> {
    const { media, bytes } = await this.media.content(this.tenant, siteId, mediaId);
    return new StreamableFile(bytes, {
      type: media.contentType,
      length: Number(media.sizeBytes),
      disposition: inlineDisposition(media.filename),
    });
  }

  @Delete(':id')
  @Authorize('posts:edit')
  @ApiEndpoint({ summary: 'Delete a file; frees its bytes', status: 204, errors: [...ERRORS] })
  async delete(@Param('siteId', ParseIdPipe) siteId: string, @Param('id', ParseIdPipe) mediaId: string): Promise<void> {
    await this.media.delete(this.tenant, siteId, mediaId);
  }
}
