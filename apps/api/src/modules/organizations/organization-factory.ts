import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import slugify from 'slugify';
import type { EntityManager } from 'typeorm';
import { OrganizationMember } from './entities/organization-member.entity';
import { Organization } from './entities/organization.entity';

const SLUG_MAX = 48;

/** Creates an organization on the Free plan with its first owner, inside the caller's transaction. */
@Injectable()
export class OrganizationFactory {
  async createWithOwner(manager: EntityManager, name: string, ownerId: string): Promise<Organization> {
    const organization = await this.insertWithFreeSlug(manager, name);
    await manager.insert(OrganizationMember, { organizationId: organization.id, userId: ownerId, role: 'owner' });
    return organization;
  }

  /** Tries the name's slug, then the slug with a random suffix; never aborts the transaction on a clash. */
  private async insertWithFreeSlug(manager: EntityManager, name: string): Promise<Organization> {
    const base = slugify(name, { lower: true, strict: true }).slice(0, SLUG_MAX) || 'org';
    for (const slug of [base, `${base}-${suffix()}`, `${base}-${suffix()}`]) {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Organization)
        .values({ name, slug })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = inserted.raw[0]?.id as string | undefined;
      if (id) return manager.findOneByOrFail(Organization, { id });
    }
    throw new Error(`No free slug for organization "${name}"`);
  }
}

function suffix(): string {
  return randomBytes(3).toString('hex');
}
