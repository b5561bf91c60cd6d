import { Controller, Get, Param, Query, SetMetadata } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Authenticated, Authorize, TenantContext } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import type { Page } from '../../common/envelope.interceptor';
import { pageQuery, PageQueryDto, toPage } from '../../common/pagination';
import type { MemberDto } from '../members/dto/members.dto';
import { presentMember } from '../members/members.service';
import { OrganizationMember } from '../organizations/entities/organization-member.entity';
import { SiteDto } from '../content/sites/dto/sites.dto';
import { SitesService } from '../content/sites/sites.service';
import { SKIP_METERING } from '../quotas/api-key-limits.guard';
import { User } from '../users/entities/user.entity';
import { ParseIdPipe } from '../../common/request-params';

/**
 * Baseline for tools/bench/tenancy: the members query with the tenancy
 * machinery (membership lookup, tenant transaction, RLS) left out. Mounted
 * only when BENCH_ROUTES=true; never in a real deployment.
 */
@ApiExcludeController()
@Controller('bench')
export class BenchController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sites: SitesService,
    private readonly tenant: TenantContext,
  ) {}

  /** GET /sites exactly, but not metered: the baseline of the metering cost. */
  @Get('sites')
  @Authorize('sites:read')
  @SetMetadata(SKIP_METERING, true)
  unmeteredSites(@Query() page: PageQueryDto): Promise<Page<SiteDto>> {
    return this.sites.list(this.tenant, page);
  }

  @Get('organizations/:id/members')
  @Authenticated()
  async members(@Param('id', ParseIdPipe) organizationId: string, @Query() page: PageQueryDto): Promise<Page<MemberDto>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(OrganizationMember, 'm')
      .innerJoinAndMapOne('m.user', User, 'u', 'u.id = m.userId')
      .where('m.organizationId = :organizationId', { organizationId });
    const rows = (await pageQuery(qb, 'm', page, 'joinedAt', 'ASC').getMany()) as Array<OrganizationMember & { user: User }>;
    return toPage(rows, page, (m) => ({ at: m.joinedAt, id: m.id }), presentMember);
  }
}
