import { Body, Controller, Delete, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Authenticated, Public } from '@plinth/tenancy';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { Origin, type RequestOrigin } from '../../common/request-origin.decorator';
import { ParseIdPipe } from '../../common/request-params';
import type { AuthenticatedUser } from './access-token';
import { AccountDeletionService } from './account-deletion.service';
import { AccountLinksService } from './account-links.service';
import { AccountService } from './account.service';
import { CurrentUser } from './current-user.decorator';
import { ChangePasswordDto, DeleteAccountDto, EmailChangeDto, UpdateProfileDto } from './dto/account-requests.dto';
import { SessionDto, UserResultDto } from './dto/account-responses.dto';
import { LinkTokenDto } from './dto/auth-requests.dto';
import { PASSWORD_RULE } from './dto/password.rule';
import { AuthThrottlerGuard } from './guards/auth-throttler.guard';
import { SessionsService } from './sessions.service';

/** The signed-in user's account settings: profile, password, sign-in address, sessions, deletion. */
@ApiTags('auth')
@Controller('auth')
export class AccountController {
  constructor(
    private readonly account: AccountService,
    private readonly deletion: AccountDeletionService,
    private readonly sessions: SessionsService,
    private readonly accountLinks: AccountLinksService,
  ) {}

  @Post('verify-email/resend')
  @Authenticated()
  @ApiEndpoint({
    summary: 'Email a new link to confirm your address',
    description: 'Earlier links stop working. At most one a minute (429 with Retry-After). Nothing is sent once the address is confirmed.',
    status: 202,
    errors: ['UNAUTHENTICATED', 'RATE_LIMITED'],
  })
  async resendVerification(@CurrentUser() caller: AuthenticatedUser): Promise<void> {
    await this.accountLinks.resendVerification(caller.userId);
  }

  @Patch('me')
  @Authenticated()
  @ApiEndpoint({
    summary: 'Change your name',
    response: UserResultDto,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'],
  })
  updateMe(@CurrentUser() caller: AuthenticatedUser, @Body() dto: UpdateProfileDto): Promise<UserResultDto> {
    return this.account.rename(caller.userId, dto.name);
  }

  @Post('password')
  @Authenticated()
  @UseGuards(AuthThrottlerGuard)
  @ApiEndpoint({
    summary: 'Change your password',
    description:
      `Needs the current password (403 when it is wrong). Signs out every other session at once — their access tokens stop ` +
      `working on the next request — and voids password-reset links and a pending email change. Password: ${PASSWORD_RULE}.`,
    status: 204,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED'],
  })
  async changePassword(@CurrentUser() caller: AuthenticatedUser, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.account.changePassword(caller, dto.currentPassword, dto.newPassword);
  }

  @Post('email-change')
  @Authenticated()
  @UseGuards(AuthThrottlerGuard)
  @ApiEndpoint({
    summary: 'Start moving your account to another email address',
    description:
      'Needs the current password (403 when it is wrong). Mails a confirm link `<APP_URL>/confirm-email?token=…` (valid 24 hours, ' +
      'once; only the latest request’s link works) to the new address and a notice to the current one. The address changes ' +
      'when the link is confirmed. 409 when the address belongs to another account.',
    status: 202,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT', 'RATE_LIMITED'],
  })
  async requestEmailChange(@CurrentUser() caller: AuthenticatedUser, @Body() dto: EmailChangeDto): Promise<void> {
    await this.account.requestEmailChange(caller.userId, dto.newEmail, dto.password);
  }

  @Post('email-change/confirm')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @SkipThrottle({ email: true })
  @ApiEndpoint({
    summary: 'Confirm a new email address with the emailed token',
    description:
      'The account takes the new address, verified. 400 when the link is invalid, expired or used; 409 when another account took the address meanwhile.',
    response: UserResultDto,
    errors: ['VALIDATION_FAILED', 'CONFLICT', 'RATE_LIMITED'],
  })
  confirmEmailChange(@Body() dto: LinkTokenDto): Promise<UserResultDto> {
    return this.account.confirmEmailChange(dto.token);
  }

  @Get('sessions')
  @Authenticated()
  @ApiEndpoint({
    summary: 'Your signed-in sessions (one per device)',
    description: 'Live sessions, the most recently used first (at most 100); `current` marks the one making this request.',
    response: SessionDto,
    isArray: true,
    errors: ['UNAUTHENTICATED'],
  })
  listSessions(@CurrentUser() caller: AuthenticatedUser): Promise<SessionDto[]> {
    return this.sessions.list(caller.userId, caller.familyId);
  }

  @Delete('sessions/:id')
  @Authenticated()
  @ApiEndpoint({
    summary: 'Sign one of your sessions out',
    description:
      'Its refresh token stops working, and its access tokens on the next request. 404 for a session that is not yours or has ended.',
    status: 204,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND'],
  })
  async revokeSession(@CurrentUser() caller: AuthenticatedUser, @Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.sessions.revokeSession(caller.userId, id);
  }

  @Delete('me')
  @Authenticated()
  @UseGuards(AuthThrottlerGuard)
  @ApiEndpoint({
    summary: 'Delete your account',
    description:
      'Needs the current password (403 when it is wrong). Organizations where you are the only member are deleted with the ' +
      'account (their subscription is canceled); you leave the others. 409 while you are the last owner of an organization ' +
      'that has other members: `details.organizations` lists them; transfer their ownership first.',
    status: 204,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT', 'RATE_LIMITED'],
  })
  async deleteMe(@CurrentUser() caller: AuthenticatedUser, @Body() dto: DeleteAccountDto, @Origin() origin: RequestOrigin): Promise<void> {
    await this.deletion.delete(caller.userId, dto.password, origin);
  }
}
