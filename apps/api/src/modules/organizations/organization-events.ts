/** Emitted after an organization's deletion commits, for data kept outside PostgreSQL (files, caches). */
export const ORGANIZATION_DELETED = 'organization.deleted';

export interface OrganizationDeleted {
  organizationId: string;
}
