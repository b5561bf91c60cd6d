import { NotFoundError, TenantTx } from '@plinth/tenancy';
import { Site } from './entities/site.entity';

/**
 * Loads a site of the organization and holds it, FOR UPDATE, until the
 * transaction ends: deleting it waits for writes that add to it (their
 * foreign keys hold it FOR KEY SHARE until they commit, and are counted
 * then), and makes any later one find no site.
 */
export async function lockSiteForDelete(tx: TenantTx, siteId: string): Promise<Site> {
  const site = await tx.repo(Site).createQueryBuilder('s').andWhere('s.id = :siteId', { siteId }).setLock('pessimistic_write').getOne();
  if (!site) throw new NotFoundError('Site');
  return site;
}

/** 404 unless the organization has this site (another tenant's site id looks exactly like a missing one). */
export async function ensureSiteExists(tx: TenantTx, siteId: string): Promise<void> {
  if (!(await tx.repo(Site).existsBy({ id: siteId }))) throw new NotFoundError('Site');
}
