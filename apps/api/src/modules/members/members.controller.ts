import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authorize, OrganizationParam, TenantContext } from '@plinth/tenancy';
import type { Page } from '../../common/envelope.interceptor';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { PageQueryDto } from '../../common/pagination';
import { TransferOwnershipDto } from '../organizations/dto/organization-requests.dto';
import { ChangeRoleDto, MemberDto, RemoveMemberQueryDto } from './dto/members.dto';
import { MembersService } from './members.service';
import { ParseIdPipe } from '../../common/request-params';

const ERRORS = ['VALIDATION_FAILED'] as const;

@ApiTags('members')
@OrganizationParam('id')
@Controller('organizations/:id')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly tenant: TenantContext,
  ) {}

  @Get('members')
  @Authorize('members:read')
  @ApiEndpoint({ summary: 'Members in order of joining', response: MemberDto, paginated: true, errors: [...ERRORS] })
  list(@Param('id', ParseIdPipe) _id: string, @Query() page: PageQueryDto): Promise<Page<MemberDto>> {
    return this.members.list(this.tenant, page);
  }

  @Patch('members/:userId')
  @Authorize('members:update', { signedIn: true })
  @ApiEndpoint({
    summary: 'Change a member’s role',
    description: 'Only an owner grants or takes away owner; the last owner keeps it.',
    response: MemberDto,
    errors: [...ERRORS, 'NOT_FOUND', 'CONFLICT'],
  })
  changeRole(
    @Param('id', ParseIdPipe) _id: string,
    @Param('userId', ParseIdPipe) userId: string,
    @Body() dto: ChangeRoleDto,
  ): Promise<MemberDto> {
    return this.members.changeRole(this.tenant, userId, dto.role);
  }

  @Delete('members/:userId')
  @Authorize('members:remove', { signedIn: true })
  @ApiEndpoint({
    summary: 'Remove a member (not yourself: use leave)',
    status: 204,
    errors: [...ERRORS, 'NOT_FOUND'],
  })
  async remove(
    @Param('id', ParseIdPipe) _id: string,
    @Param('userId', ParseIdPipe) userId: string,
    @Query() query: RemoveMemberQueryDto,
  ): Promise<void> {
    await this.members.remove(this.tenant, userId, query.keepApiKeys);
  }

  @Post('leave')
  @Authorize()
  @ApiEndpoint({ summary: 'Leave the organization (not as its last owner)', status: 204, errors: [...ERRORS, 'CONFLICT'] })
  async leave(@Param('id', ParseIdPipe) _id: string): Promise<void> {
    await this.members.leave(this.tenant);
  }

  @Post('transfer-ownership')
  @Authorize('organization:transfer', { signedIn: true })
  @ApiEndpoint({
    summary: 'Make another member the owner; you become admin',
    response: MemberDto,
    errors: [...ERRORS, 'NOT_FOUND'],
  })
  transferOwnership(@Param('id', ParseIdPipe) _id: string, @Body() dto: TransferOwnershipDto): Promise<MemberDto> {
    return this.members.transferOwnership(this.tenant, dto.userId);
  }
}
