import { NotFoundError, scoped } from '@plinth/tenancy';
import type { EntityManager } from 'typeorm';
import { Site } from './entities/site.entity';

/**
 * Loads a site of the organization and holds it until the transaction ends.
 * `adding` (FOR KEY SHARE) is for writes that add to the site (posts, media):
 * it lets them run side by side but makes a concurrent delete of the site
 * wait, so no counter is charged for a site that disappears. `deleting`
 * (FOR UPDATE) is the delete itself, which waits for those writes and then
 * makes any new one find no site (404).
 */
export async function lockSite(
  manager: EntityManager,
  organizationId: string,
  siteId: string,
  purpose: 'adding' | 'deleting',
): Promise<Site> {
  const site = await scoped(manager, Site, organizationId)
    .createQueryBuilder('s')
    .andWhere('s.id = :siteId', { siteId })
    .setLock(purpose === 'adding' ? 'for_key_share' : 'pessimistic_write')
    .getOne();
  if (!site) throw new NotFoundError('Site');
  return site;
}

/** 404 unless the organization has this site (another tenant's site id looks exactly like a missing one). */
export async function ensureSiteExists(manager: EntityManager, organizationId: string, siteId: string): Promise<void> {
  if (!(await scoped(manager, Site, organizationId).existsBy({ id: siteId }))) throw new NotFoundError('Site');
}
