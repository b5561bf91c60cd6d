import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import slugify from 'slugify';
import type { EntityManager } from 'typeorm';
import { OrganizationMember } from './entities/organization-member.entity';
import { Organization } from './entities/organization.entity';
import { FreeOrganizationLimitError, SlugTakenError } from './organizations.errors';
import { RESERVED_SLUGS } from './reserved-slugs';

const SLUG_MAX = 48;
const UUID_SHAPED = /^[0-9a-f]{8}-[0-9a-f]{4}-/;

/** Creates an organization on the Free plan with its first owner, inside the caller's transaction. */
@Injectable()
export class OrganizationFactory {
  /** 403 once the user owns `limit` Free organizations: a new one starts on Free. */
  async ensureMayOwnAnotherFree(manager: EntityManager, userId: string, limit: number): Promise<void> {
    // One creation per user at a time, so two at once cannot both pass the count.
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 727274003))', [userId]);
    const owned = await manager
      .createQueryBuilder(OrganizationMember, 'm')
      .innerJoin(Organization, 'o', 'o.id = m.organizationId')
      .where('m.userId = :userId AND m.role = :role AND o.planTier = :tier', { userId, role: 'owner', tier: 'free' })
      .getCount();
    if (owned >= limit) throw new FreeOrganizationLimitError(limit);
  }

  async createWithOwner(manager: EntityManager, owner: { userId: string; name: string; slug?: string }): Promise<Organization> {
    const organization = owner.slug
      ? await this.insertWithSlug(manager, owner.name, owner.slug)
      : await this.insertWithFreeSlug(manager, owner.name);
    await this.addOwner(manager, organization.id, owner.userId);
    return organization;
  }

  /** An organization without members yet (single-tenant mode's, whose owner is the first signup). */
  create(manager: EntityManager, name: string): Promise<Organization> {
    return this.insertWithFreeSlug(manager, name);
  }

  async addOwner(manager: EntityManager, organizationId: string, userId: string): Promise<void> {
    await manager.insert(OrganizationMember, { organizationId, userId, role: 'owner' });
  }

  private async insertWithSlug(manager: EntityManager, name: string, slug: string): Promise<Organization> {
    const organization = await this.tryInsert(manager, name, slug);
    if (!organization) throw new SlugTakenError(slug);
    return organization;
  }

  /** Tries the name's slug, then the slug with a random suffix; never aborts the transaction on a clash. */
  private async insertWithFreeSlug(manager: EntityManager, name: string): Promise<Organization> {
    const slug = slugify(name, { lower: true, strict: true });
    // A slug must never pass for an id (X-Organization-Id takes either).
    const base = (UUID_SHAPED.test(slug) ? `org-${slug}` : slug)
      .slice(0, SLUG_MAX - 7)
      .replace(/-+$/, '')
      .padEnd(3, '0');
    // A reserved name ("Admin", "Mail") goes straight to a suffixed slug.
    const first = RESERVED_SLUGS.has(base) ? [] : [base];
    for (const slug of [...first, `${base}-${suffix()}`, `${base}-${suffix()}`]) {
      const organization = await this.tryInsert(manager, name, slug);
      if (organization) return organization;
    }
    throw new Error(`No free slug for organization "${name}"`);
  }

  /** INSERT … ON CONFLICT DO NOTHING: a taken slug returns null instead of aborting the transaction. */
  private async tryInsert(manager: EntityManager, name: string, slug: string): Promise<Organization | null> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Organization)
      .values({ name, slug })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = inserted.raw[0]?.id as string | undefined;
    return id ? manager.findOneByOrFail(Organization, { id }) : null;
  }
}

function suffix(): string {
  return randomBytes(3).toString('hex');
}
