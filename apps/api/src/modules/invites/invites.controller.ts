import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, Authorize, OrganizationParam, Public, TenantContext } from '@plinth/tenancy';
import type { Page } from '../../common/envelope.interceptor';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { PageQueryDto } from '../../common/pagination';
import { Origin, RequestOrigin } from '../../common/request-origin.decorator';
import type { AuthenticatedUser } from '../auth/access-token';
import { CurrentUser } from '../auth/current-user.decorator';
import { AcceptedInviteDto, CreatedInviteDto, CreateInviteDto, InviteDto, InvitePreviewDto } from './dto/invites.dto';
import { InviteAcceptanceService } from './invite-acceptance.service';
import { InvitesService } from './invites.service';
import { ParseIdPipe } from '../../common/request-params';

const ERRORS = ['VALIDATION_FAILED'] as const;

@ApiTags('invites')
@OrganizationParam('id')
@Controller('organizations')
export class InvitesController {
  constructor(
    private readonly invites: InvitesService,
    private readonly acceptance: InviteAcceptanceService,
    private readonly tenant: TenantContext,
  ) {}

  @Post(':id/invites')
  @Authorize('members:invite', { signedIn: true })
  @ApiEndpoint({
    summary: 'Invite someone by email (valid 7 days, single use, bound to the address)',
    response: CreatedInviteDto,
    status: 201,
    errors: [...ERRORS, 'CONFLICT', 'QUOTA_EXCEEDED'],
  })
  create(@Param('id', ParseIdPipe) _id: string, @Body() dto: CreateInviteDto): Promise<CreatedInviteDto> {
    return this.invites.create(this.tenant, dto);
  }

  @Get(':id/invites')
  @Authorize('members:invite', { signedIn: true })
  @ApiEndpoint({ summary: 'Open invitations, newest first', response: InviteDto, paginated: true, errors: [...ERRORS] })
  list(@Param('id', ParseIdPipe) _id: string, @Query() page: PageQueryDto): Promise<Page<InviteDto>> {
    return this.invites.list(this.tenant, page);
  }

  @Delete(':id/invites/:inviteId')
  @Authorize('members:invite', { signedIn: true })
  @ApiEndpoint({ summary: 'Revoke an invitation', status: 204, errors: [...ERRORS, 'NOT_FOUND'] })
  async revoke(@Param('id', ParseIdPipe) _id: string, @Param('inviteId', ParseIdPipe) inviteId: string): Promise<void> {
    await this.invites.revoke(this.tenant, inviteId);
  }

  @Post(':id/invites/:inviteId/resend')
  @Authorize('members:invite', { signedIn: true })
  @ApiEndpoint({
    summary: 'Send the invitation again with a new token and expiry (the old link stops working)',
    response: CreatedInviteDto,
    errors: [...ERRORS, 'NOT_FOUND', 'QUOTA_EXCEEDED'],
  })
  resend(@Param('id', ParseIdPipe) _id: string, @Param('inviteId', ParseIdPipe) inviteId: string): Promise<CreatedInviteDto> {
    return this.invites.resend(this.tenant, inviteId);
  }

  @Get('invites/:token')
  @Public()
  @ApiEndpoint({
    summary: 'What an invitation link offers, for the accept page',
    response: InvitePreviewDto,
    errors: ['NOT_FOUND'],
  })
  preview(@Param('token') token: string): Promise<InvitePreviewDto> {
    return this.acceptance.preview(token);
  }

  @Post('invites/:token/accept')
  @Authenticated()
  @ApiEndpoint({
    summary: 'Join the organization (signed in with the invited email)',
    response: AcceptedInviteDto,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INVITE_EXPIRED', 'INVITE_USED', 'QUOTA_EXCEEDED'],
  })
  accept(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('token') token: string,
    @Origin() origin: RequestOrigin,
  ): Promise<AcceptedInviteDto> {
    return this.acceptance.accept(caller.userId, token, origin);
  }
}
