import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule, type ThrottlerStorage } from '@nestjs/throttler';
import { RATE_LIMIT_STORAGE } from '../quotas/api-key-limits.guard';
import { AppConfig } from '../../config/app-config';
import { InvitesModule } from '../invites/invites.module';
import { MembersModule } from '../members/members.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AccountController } from './account.controller';
import { AccountCredentials } from './account-credentials';
import { AccountDeletionService } from './account-deletion.service';
import { AccountLinksService } from './account-links.service';
import { AccountService } from './account.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthThrottlerGuard, emailAndIpTracker } from './guards/auth-throttler.guard';
import { LoginSlowdown } from './guards/login-slowdown';
import { LinkTokens } from './link-tokens';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';
import { JwtStrategy } from './strategies/jwt.strategy';
import { LocalStrategy } from './strategies/local.strategy';

const MINUTE_MS = 60_000;

@Module({
  imports: [
    PassportModule,
    OrganizationsModule,
    InvitesModule,
    MembersModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // @nestjs/jwt types the secret as string | Buffer; jsonwebtoken takes a KeyObject (see AppConfig.jwtKey).
        secret: config.jwtKey as unknown as string,
        signOptions: { expiresIn: '15m', algorithm: 'HS256' },
      }),
    }),
    // The API keys' storage: Redis with REDIS_URL, so N processes share one limit per IP and per address.
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, RATE_LIMIT_STORAGE],
      useFactory: (config: AppConfig, storage: ThrottlerStorage) => ({
        storage,
        throttlers: [
          { name: 'default', ttl: MINUTE_MS, limit: config.AUTH_RATE_LIMIT_PER_IP },
          { name: 'email', ttl: MINUTE_MS, limit: config.AUTH_RATE_LIMIT_PER_EMAIL, getTracker: emailAndIpTracker },
        ],
      }),
    }),
  ],
  controllers: [AuthController, AccountController],
  providers: [
    AuthService,
    SessionsService,
    AccountLinksService,
    AccountService,
    AccountCredentials,
    AccountDeletionService,
    LinkTokens,
    PasswordHasher,
    JwtStrategy,
    LocalStrategy,
    AuthThrottlerGuard,
    LoginSlowdown,
  ],
  exports: [AuthService, SessionsService],
})
export class AuthModule {}
