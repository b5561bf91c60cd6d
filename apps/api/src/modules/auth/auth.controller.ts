import { Body, Controller, Get, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Authenticated, Public, UnauthenticatedError } from '@plinth/tenancy';
import type { FastifyRequest } from 'fastify';
import { ApiEndpoint } from '../../common/openapi.decorators';
import { Origin, type RequestOrigin } from '../../common/request-origin.decorator';
import { AppConfig } from '../../config/app-config';
import { hostSlug } from '../tenancy/host-tenant';
import type { User } from '../users/entities/user.entity';
import type { AuthenticatedUser } from './access-token';
import { AccountLinksService } from './account-links.service';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user.decorator';
import {
  LinkTokenDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshTokenDto,
  SignupDto,
  SwitchOrganizationDto,
} from './dto/auth-requests.dto';
import { LoginResultDto, MeDto, SignupResultDto, TokenPairDto, VerifyEmailResultDto } from './dto/auth-responses.dto';
import { PASSWORD_RULE } from './dto/password.rule';
import { AuthThrottlerGuard } from './guards/auth-throttler.guard';
import { LoginGuard } from './guards/login.guard';
import { SessionsService } from './sessions.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly accountLinks: AccountLinksService,
    private readonly config: AppConfig,
  ) {}

  @Post('signup')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @ApiEndpoint({
    summary: 'Create an account and its Free organization, or join the organization of an invite',
    description:
      `Sends the welcome and verify-email mails. With \`inviteToken\`: no organization is created, the account joins the inviting ` +
      `one with the invited role, and the address (which must be the invited one) counts as verified. Password: ${PASSWORD_RULE}.`,
    response: SignupResultDto,
    status: 201,
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INVITE_EXPIRED', 'INVITE_USED', 'RATE_LIMITED'],
  })
  signup(@Body() dto: SignupDto, @Origin() origin: RequestOrigin): Promise<SignupResultDto> {
    return this.auth.signup(dto, origin);
  }

  @Post('login')
  @Public()
  @UseGuards(AuthThrottlerGuard, LoginGuard)
  @ApiBody({ type: LoginDto })
  @ApiEndpoint({
    summary: 'Sign in with email and password',
    description: 'Rate-limited per IP and per email. Unknown email and wrong password give the same 401.',
    response: LoginResultDto,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'RATE_LIMITED'],
  })
  login(@CurrentUser() user: unknown, @Origin() origin: RequestOrigin, @Req() request: FastifyRequest): Promise<LoginResultDto> {
    return this.auth.login(user as User, origin, hostSlug(request, this.config.BASE_DOMAIN));
  }

  @Post('refresh')
  @Public()
  @ApiEndpoint({
    summary: 'Trade a refresh token for a new pair',
    description: 'Each refresh token works once. Reusing a spent one revokes its whole family.',
    response: TokenPairDto,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'],
  })
  refresh(@Body() dto: RefreshTokenDto, @Origin() origin: RequestOrigin): Promise<TokenPairDto> {
    return this.sessions.rotate(dto.refreshToken, origin);
  }

  @Post('logout')
  @Public()
  @ApiEndpoint({
    summary: 'Revoke the refresh token family (sign out this session)',
    status: 204,
    errors: ['VALIDATION_FAILED'],
  })
  async logout(@Body() dto: RefreshTokenDto): Promise<void> {
    await this.sessions.revokeFamilyOf(dto.refreshToken);
  }

  @Post('switch-organization')
  @Authenticated()
  @ApiEndpoint({
    summary: 'Get a token pair for another of your organizations',
    response: TokenPairDto,
    errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_A_MEMBER'],
  })
  switchOrganization(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: SwitchOrganizationDto,
    @Origin() origin: RequestOrigin,
  ): Promise<TokenPairDto> {
    return this.auth.switchOrganization(caller, dto.organizationId, origin);
  }

  @Get('me')
  @Authenticated()
  @ApiEndpoint({
    summary: 'The caller and their memberships, each with its permissions',
    response: MeDto,
    errors: ['UNAUTHENTICATED'],
  })
  async me(@CurrentUser() caller: AuthenticatedUser, @Req() request: FastifyRequest): Promise<MeDto> {
    const me = await this.auth.me(caller.userId);
    if (!me) throw new UnauthenticatedError('The account no longer exists');
    const baseDomain = this.config.BASE_DOMAIN ?? null;
    const multiTenant = this.config.MULTI_TENANT_ENABLED;
    return { ...me, hostOrganizationSlug: hostSlug(request, this.config.BASE_DOMAIN) ?? null, baseDomain, multiTenant };
  }

  @Post('verify-email')
  @Public()
  @ApiEndpoint({
    summary: 'Confirm an email address with the emailed token',
    response: VerifyEmailResultDto,
    errors: ['VALIDATION_FAILED'],
  })
  async verifyEmail(@Body() dto: LinkTokenDto): Promise<VerifyEmailResultDto> {
    await this.accountLinks.verifyEmail(dto.token);
    return { emailVerified: true };
  }

  @Post('password-reset')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @ApiEndpoint({
    summary: 'Email a password-reset link',
    description: 'Always 202, whether or not the address has an account. The link is valid 1 hour, once.',
    status: 202,
    errors: ['VALIDATION_FAILED', 'RATE_LIMITED'],
  })
  async requestPasswordReset(@Body() dto: PasswordResetRequestDto): Promise<void> {
    await this.accountLinks.requestPasswordReset(dto.email);
  }

  @Post('password-reset/confirm')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @SkipThrottle({ email: true })
  @ApiEndpoint({
    summary: 'Set a new password with the emailed token',
    description: `Signs out every session of the account. Password: ${PASSWORD_RULE}.`,
    status: 204,
    errors: ['VALIDATION_FAILED', 'RATE_LIMITED'],
  })
  async confirmPasswordReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    await this.accountLinks.confirmPasswordReset(dto.token, dto.password);
  }
}
