import { Injectable } from '@nestjs/common';
import { NotAMemberError, permissionsOf, RequestOrigin, TenantTransactions } from '@plinth/tenancy';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { isUniqueViolation } from '@plinth/tenancy';
import { AuditLogger } from '../audit/audit-logger';
import { InviteAcceptanceService } from '../invites/invite-acceptance.service';
import { Mailer } from '../mail/mailer';
import { OrganizationMember } from '../organizations/entities/organization-member.entity';
import { Organization } from '../organizations/entities/organization.entity';
import { OrganizationFactory } from '../organizations/organization-factory';
import { OrganizationsService } from '../organizations/organizations.service';
import { presentOrganization } from '../organizations/organization.presenter';
import { SingleTenant } from '../organizations/single-tenant';
import { User } from '../users/entities/user.entity';
import { presentUser } from '../users/user.presenter';
import { EmailTakenError, InvalidCredentialsError } from './auth.errors';
import type { AuthenticatedUser } from './access-token';
import type { LoginDto, SignupDto } from './dto/auth-requests.dto';
import type { LoginResultDto, MeDto, SignupResultDto, TokenPairDto } from './dto/auth-responses.dto';
import { LinkTokens } from './link-tokens';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TenantTransactions,
    private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly linkTokens: LinkTokens,
    private readonly organizations: OrganizationFactory,
    private readonly organizationsService: OrganizationsService,
    private readonly mailer: Mailer,
    private readonly audit: AuditLogger,
    private readonly invites: InviteAcceptanceService,
    private readonly singleTenant: SingleTenant,
  ) {}

  async signup(dto: SignupDto, origin: RequestOrigin): Promise<SignupResultDto> {
    const passwordHash = await this.hasher.hash(dto.password);
    try {
      return await (dto.inviteToken
        ? this.createInvitedAccount(dto, dto.inviteToken, passwordHash, origin)
        : this.createAccount(dto, passwordHash, origin));
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw new EmailTakenError();
      throw error;
    }
  }

  /** Used by the local strategy: the same error for an unknown email and a wrong password. */
  async validateCredentials({ email, password }: LoginDto): Promise<User> {
    const user = await this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const valid = user ? await this.hasher.verify(user.passwordHash, password) : await this.hasher.verifyAgainstDecoy(password);
    if (!user || !valid) throw new InvalidCredentialsError();
    return user;
  }

  /**
   * The session acts for the deployment's organization in single-tenant mode;
   * else for the one whose host (`hostSlug`) the user signs in on, else their first.
   */
  async login(user: User, origin: RequestOrigin, hostSlug?: string): Promise<LoginResultDto> {
    const organizations = await this.organizationsService.listForUser(user.id);
    const selected = this.singleTenant.enabled
      ? organizations.find((org) => org.id === this.singleTenant.organizationId)
      : (organizations.find((org) => org.slug === hostSlug) ?? organizations[0]);
    const tokens = await this.sessions.start(this.dataSource.manager, user.id, selected?.id ?? null, origin);
    return { user: presentUser(user, this.config), ...tokens, organizations };
  }

  /** A new token family for the other organization; the caller's current family ends, so its refresh token dies. */
  async switchOrganization(caller: AuthenticatedUser, organizationId: string, origin: RequestOrigin): Promise<TokenPairDto> {
    this.singleTenant.refuseAnother(organizationId);
    const isMember = await this.dataSource.manager.existsBy(OrganizationMember, { userId: caller.userId, organizationId });
    if (!isMember) throw new NotAMemberError();
    return this.dataSource.transaction(async (manager) => {
      if (caller.familyId) await this.sessions.revokeFamilyById(manager, caller.userId, caller.familyId);
      return this.sessions.start(manager, caller.userId, organizationId, origin);
    });
  }

  async me(userId: string): Promise<Pick<MeDto, 'user' | 'memberships'> | null> {
    const user = await this.dataSource.manager.findOneBy(User, { id: userId });
    if (!user) return null;
    const organizations = await this.organizationsService.listForUser(userId);
    const memberships = organizations.map((org) => ({
      organizationId: org.id,
      name: org.name,
      slug: org.slug,
      role: org.role,
      permissions: permissionsOf(org.role),
      planTier: org.planTier,
    }));
    return { user: presentUser(user, this.config), memberships };
  }

  /**
   * Signup from an invite link: the account (its address proven by the link)
   * and its session as the system, then it joins the inviting organization in
   * that organization's unit of work. No organization of its own, no verify mail.
   */
  private createInvitedAccount(dto: SignupDto, token: string, passwordHash: string, origin: RequestOrigin): Promise<SignupResultDto> {
    return this.transactions.runAfterSystem(
      async (manager) => {
        if (await manager.existsBy(User, { email: dto.email })) throw new EmailTakenError();
        const invite = await this.invites.inviteForSignup(manager, token, dto.email);
        const user = await manager.save(
          manager.create(User, { email: dto.email, name: dto.name, passwordHash, emailVerifiedAt: new Date() }),
        );
        const tokens = await this.sessions.start(manager, user.id, invite.organizationId, origin);
        const actor = { type: 'user' as const, id: user.id, email: user.email };
        return { organizationId: invite.organizationId, actor, user, invite, tokens };
      },
      async (tx, { user, invite, tokens }) => {
        await this.invites.joinNewAccount(tx, invite.id, token, user);
        const organization = await tx.manager.findOneByOrFail(Organization, { id: tx.organizationId });
        return { user: presentUser(user, this.config), organization: presentOrganization(organization), ...tokens };
      },
    );
  }

  /** User, organization, tokens as the system; then the audit entry and the mails as the new tenant, in the same transaction. */
  private createAccount(dto: SignupDto, passwordHash: string, origin: RequestOrigin): Promise<SignupResultDto> {
    return this.transactions.runAfterSystem(
      async (manager) => {
        if (await manager.existsBy(User, { email: dto.email })) throw new EmailTakenError();
        const user = await manager.save(manager.create(User, { email: dto.email, name: dto.name, passwordHash }));
        const organization = this.singleTenant.enabled
          ? await this.singleTenant.claim(manager, user.id, dto.organizationName)
          : await this.organizations.createWithOwner(manager, {
              userId: user.id,
              name: dto.organizationName ?? `${dto.name}'s organization`,
            });
        const verifyToken = await this.linkTokens.create(manager, user.id, 'verify_email');
        const tokens = await this.sessions.start(manager, user.id, organization.id, origin);
        const actor = { type: 'user' as const, id: user.id, email: user.email };
        return { organizationId: organization.id, actor, user, organization, verifyToken, tokens };
      },
      async (tx, { user, organization, verifyToken, tokens }) => {
        await this.audit.record(tx, {
          action: 'organization.created',
          targetType: 'organization',
          targetId: organization.id,
          metadata: { name: organization.name, slug: organization.slug, atSignup: true },
        });
        await this.mailer.send(tx.manager, user.email, 'welcome', {
          name: user.name,
          organizationName: organization.name,
          appUrl: this.config.APP_URL,
        });
        await this.mailer.send(tx.manager, user.email, 'verifyEmail', {
          name: user.name,
          url: `${this.config.APP_URL}/verify-email?token=${verifyToken}`,
        });
        return { user: presentUser(user, this.config), organization: presentOrganization(organization), ...tokens };
      },
    );
  }
}
