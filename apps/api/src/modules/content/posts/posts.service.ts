import { Injectable } from '@nestjs/common';
import { NotFoundError, scoped, TenantContext, TenantTransactions } from '@plinth/tenancy';
import type { EntityManager } from 'typeorm';
import type { Page } from '../../../common/envelope.interceptor';
import { pageQuery, toPage } from '../../../common/pagination';
import { AuditLogger } from '../../audit/audit-logger';
import { UsageLimits } from '../../quotas/usage-limits';
import { ensureSiteExists, lockSite } from '../sites/site-lock';
import type { CreatePostDto, ListPostsQueryDto, PostDto, PostSummaryDto, UpdatePostDto } from './dto/posts.dto';
import { Post } from './entities/post.entity';

const SUMMARY_COLUMNS = ['p.id', 'p.siteId', 'p.title', 'p.status', 'p.publishedAt', 'p.createdAt', 'p.updatedAt'];

@Injectable()
export class PostsService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly usageLimits: UsageLimits,
    private readonly audit: AuditLogger,
  ) {}

  /** A new draft; counts against the site's `posts`. */
  create(tenant: TenantContext, siteId: string, dto: CreatePostDto): Promise<PostDto> {
    return this.transactions.run(tenant.organizationId, async (manager) => {
      await lockSite(manager, tenant.organizationId, siteId, 'adding');
      const post = await scoped(manager, Post, tenant.organizationId).save({ siteId, title: dto.title, body: dto.body, status: 'draft' });
      // Last before COMMIT: the counter row is locked from here to the commit, so keep that short.
      await this.usageLimits.consume(manager, tenant, 'posts', 1, siteId);
      return presentPost(post);
    });
  }

  /** Newest first, without bodies. */
  list(organizationId: string, siteId: string, query: ListPostsQueryDto): Promise<Page<PostSummaryDto>> {
    return this.transactions.run(organizationId, async (manager) => {
      await ensureSiteExists(manager, organizationId, siteId);
      const qb = scoped(manager, Post, organizationId)
        .createQueryBuilder('p')
        .select(SUMMARY_COLUMNS)
        .andWhere('p.siteId = :siteId', { siteId });
      if (query.status) qb.andWhere('p.status = :status', { status: query.status });
      const rows = await pageQuery(qb, 'p', query, 'createdAt', 'DESC').getMany();
      return toPage(rows, query, (p) => ({ at: p.createdAt, id: p.id }), presentSummary);
    });
  }

  get(organizationId: string, siteId: string, postId: string): Promise<PostDto> {
    return this.transactions.run(organizationId, async (manager) => presentPost(await loadPost(manager, organizationId, siteId, postId)));
  }

  update(tenant: TenantContext, siteId: string, postId: string, dto: UpdatePostDto): Promise<PostDto> {
    const changes = { ...(dto.title !== undefined && { title: dto.title }), ...(dto.body !== undefined && { body: dto.body }) };
    return this.transactions.run(tenant.organizationId, async (manager) => {
      if (Object.keys(changes).length > 0) await scoped(manager, Post, tenant.organizationId).update({ id: postId, siteId }, changes);
      return presentPost(await loadPost(manager, tenant.organizationId, siteId, postId));
    });
  }

  /** Draft → published, stamping `publishedAt`; publishing a published post changes nothing. */
  publish(tenant: TenantContext, siteId: string, postId: string): Promise<PostDto> {
    return this.transactions.run(tenant.organizationId, async (manager) => {
      await scoped(manager, Post, tenant.organizationId).update(
        { id: postId, siteId, status: 'draft' },
        { status: 'published', publishedAt: new Date() },
      );
      return presentPost(await loadPost(manager, tenant.organizationId, siteId, postId));
    });
  }

  /** Frees one of the site's `posts`. */
  delete(tenant: TenantContext, siteId: string, postId: string): Promise<void> {
    return this.transactions.run(tenant.organizationId, async (manager) => {
      const post = await loadPost(manager, tenant.organizationId, siteId, postId);
      // Of two concurrent deletes only the one that removed the row gives its count back.
      const deleted = await scoped(manager, Post, tenant.organizationId).delete({ id: postId, siteId });
      if (deleted === 0) throw new NotFoundError('Post');
      await this.usageLimits.release(manager, tenant.organizationId, 'posts', 1, siteId);
      await this.audit.record(manager, tenant, {
        action: 'post.deleted',
        targetType: 'post',
        targetId: postId,
        metadata: { siteId, title: post.title },
      });
    });
  }
}

function loadPost(manager: EntityManager, organizationId: string, siteId: string, postId: string): Promise<Post> {
  return scoped(manager, Post, organizationId).getOneBy({ id: postId, siteId }, 'Post');
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
