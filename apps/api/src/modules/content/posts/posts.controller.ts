import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authorize, TenantContext } from '@plinth/tenancy';
import type { Page } from '../../../common/envelope.interceptor';
import { ApiEndpoint } from '../../../common/openapi.decorators';
import { CreatePostDto, ListPostsQueryDto, PostDto, PostSummaryDto, UpdatePostDto } from './dto/posts.dto';
import { PostsService } from './posts.service';
import { ParseIdPipe } from '../../../common/request-params';

const ERRORS = ['VALIDATION_FAILED', 'NOT_FOUND'] as const;

@ApiTags('posts')
@Controller('sites/:siteId/posts')
export class PostsController {
  constructor(
    private readonly posts: PostsService,
    private readonly tenant: TenantContext,
  ) {}

  @Post()
  @Authorize('posts:create')
  @ApiEndpoint({ summary: 'Write a draft (counts against the site’s `posts`)', response: PostDto, status: 201, errors: [...ERRORS] })
  create(@Param('siteId', ParseIdPipe) siteId: string, @Body() dto: CreatePostDto): Promise<PostDto> {
    return this.posts.create(this.tenant, siteId, dto);
  }

  @Get()
  @Authorize('posts:read')
  @ApiEndpoint({
    summary: 'The site’s posts, newest first, without bodies',
    response: PostSummaryDto,
    paginated: true,
    errors: [...ERRORS],
  })
  list(@Param('siteId', ParseIdPipe) siteId: string, @Query() query: ListPostsQueryDto): Promise<Page<PostSummaryDto>> {
    return this.posts.list(this.tenant, siteId, query);
  }

  @Get(':id')
  @Authorize('posts:read')
  @ApiEndpoint({ summary: 'One post with its body', response: PostDto, errors: [...ERRORS] })
  get(@Param('siteId', ParseIdPipe) siteId: string, @Param('id', ParseIdPipe) postId: string): Promise<PostDto> {
    return this.posts.get(this.tenant, siteId, postId);
  }

  @Patch(':id')
  @Authorize('posts:edit')
  @ApiEndpoint({ summary: 'Change a post’s title or body (its status changes only by publishing)', response: PostDto, errors: [...ERRORS] })
  update(
    @Param('siteId', ParseIdPipe) siteId: string,
    @Param('id', ParseIdPipe) postId: string,
    @Body() dto: UpdatePostDto,
  ): Promise<PostDto> {
    return this.posts.update(this.tenant, siteId, postId, dto);
  }

  @Post(':id/publish')
  @Authorize('posts:publish')
  @ApiEndpoint({ summary: 'Publish a draft (a published post stays as it is)', response: PostDto, errors: [...ERRORS] })
  publish(@Param('siteId', ParseIdPipe) siteId: string, @Param('id', ParseIdPipe) postId: string): Promise<PostDto> {
    return this.posts.publish(this.tenant, siteId, postId);
  }

  @Delete(':id')
  @Authorize('posts:edit')
  @ApiEndpoint({ summary: 'Delete a post; frees one of the site’s `posts`', status: 204, errors: [...ERRORS] })
  async delete(@Param('siteId', ParseIdPipe) siteId: string, @Param('id', ParseIdPipe) postId: string): Promise<void> {
    await this.posts.delete(this.tenant, siteId, postId);
  }
}
