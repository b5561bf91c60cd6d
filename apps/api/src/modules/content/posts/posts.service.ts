import { Injectable } from '@nestjs/common';
import { isForeignKeyViolation, NotFoundError, TenantContext, TenantTx } from '@plinth/tenancy';
import type { Page } from '../../../common/envelope.interceptor';
import { KeysetOrder, pageCondition, toPage } from '../../../common/pagination';
import { AuditLogger } from '../../audit/audit-logger';
import { WebhookOutbox } from '../../webhooks/webhook-outbox';
import { Site } from '../sites/entities/site.entity';
import type { CreatePostDto, ListPostsQueryDto, PostDto, PostSummaryDto, UpdatePostDto } from './dto/posts.dto';
import { Post } from './entities/post.entity';

const SUMMARY_COLUMNS = ['p.id', 'p.siteId', 'p.title', 'p.status', 'p.publishedAt', 'p.createdAt', 'p.updatedAt'];
const NEWEST_FIRST: KeysetOrder = { column: 'createdAt', direction: 'DESC' };

/** Posts are counted against their site's `posts` by the database when their transaction commits. */
@Injectable()
export class PostsService {
  constructor(
    private readonly audit: AuditLogger,
    private readonly webhooks: WebhookOutbox,
  ) {}

  /**
   * A new draft: one INSERT (and, on a plan with webhooks, its event in the
   * outbox). Its foreign key holds the site until COMMIT, when the post is
   * counted (402 past the limit, and nothing is kept — the event neither).
   */
  create(tenant: TenantContext, siteId: string, dto: CreatePostDto): Promise<PostDto> {
    return tenant.transaction(async (tx) => {
      try {
        const post = presentPost(await tx.repo(Post).save({ siteId, title: dto.title, body: dto.body, status: 'draft' }));
        await this.webhooks.enqueue(tx, 'post.created', post);
        return post;
      } catch (error) {
        if (isForeignKeyViolation(error, 'posts_site_fkey')) throw new NotFoundError('Site');
        throw error;
      }
    });
  }

  /**
   * Newest first, without bodies: one query that walks the site's slice of
   * posts_org_site_created_idx in order, so a page costs the same with 20 posts
   * or 200,000. Only an empty page asks whether the site exists (404 vs empty).
   */
  list(tenant: TenantContext, siteId: string, query: ListPostsQueryDto): Promise<Page<PostSummaryDto>> {
    return tenant.transaction(async (tx) => {
      const posts = tx
        .repo(Post)
        .createQueryBuilder('p')
        .select(SUMMARY_COLUMNS)
        .andWhere('p.siteId = :siteId', { siteId })
        .orderBy('p.createdAt', NEWEST_FIRST.direction)
        .addOrderBy('p.id', NEWEST_FIRST.direction)
        .limit(query.limit + 1);
      if (query.status) posts.andWhere('p.status = :status', { status: query.status });
      const after = pageCondition(tx.manager.connection.getMetadata(Post), 'p', query, NEWEST_FIRST);
      if (after) posts.andWhere(after.condition, after.parameters);
      const rows = await posts.getMany();
      if (rows.length === 0 && !(await tx.repo(Site).existsBy({ id: siteId }))) throw new NotFoundError('Site');
      return toPage(rows, query, (p) => ({ at: p.createdAt, id: p.id }), presentSummary);
    });
  }

  get(tenant: TenantContext, siteId: string, postId: string): Promise<PostDto> {
    return tenant.transaction(async (tx) => presentPost(await loadPost(tx, siteId, postId)));
  }

  update(tenant: TenantContext, siteId: string, postId: string, dto: UpdatePostDto): Promise<PostDto> {
    const changes = { ...(dto.title !== undefined && { title: dto.title }), ...(dto.body !== undefined && { body: dto.body }) };
    return tenant.transaction(async (tx) => {
      if (Object.keys(changes).length > 0) await tx.repo(Post).update({ id: postId, siteId }, changes);
      return presentPost(await loadPost(tx, siteId, postId));
    });
  }

  /** Draft → published, stamping `publishedAt`; publishing a published post changes nothing. */
  publish(tenant: TenantContext, siteId: string, postId: string): Promise<PostDto> {
    return tenant.transaction(async (tx) => {
      const published = await tx
        .repo(Post)
        .update({ id: postId, siteId, status: 'draft' }, { status: 'published', publishedAt: new Date() });
      const post = presentPost(await loadPost(tx, siteId, postId));
      if (published > 0) await this.webhooks.enqueue(tx, 'post.published', post);
      return post;
    });
  }

  /** Frees one of the site's `posts` (the database gives it back with the row). */
  delete(tenant: TenantContext, siteId: string, postId: string): Promise<void> {
    return tenant.transaction(async (tx) => {
      const post = await loadPost(tx, siteId, postId);
      if ((await tx.repo(Post).delete({ id: postId, siteId })) === 0) throw new NotFoundError('Post');
      await this.audit.record(tx, {
        action: 'post.deleted',
        targetType: 'post',
        targetId: postId,
        metadata: { siteId, title: post.title },
      });
      await this.webhooks.enqueue(tx, 'post.deleted', { id: postId, siteId, title: post.title });
    });
  }
}

function loadPost(tx: TenantTx, siteId: string, postId: string): Promise<Post> {
  return tx.repo(Post).getOneBy({ id: postId, siteId }, 'Post');
}

function presentSummary(post: Post): PostSummaryDto {
  return {
    id: post.id,
    siteId: post.siteId,
    title: post.title,
    status: post.status,
    publishedAt: post.publishedAt?.toISOString() ?? null,
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
  };
}

export function presentPost(post: Post): PostDto {
  return { ...presentSummary(post), body: post.body };
}
