import type { OrganizationDto } from './dto/organization.dto';
import type { Organization } from './entities/organization.entity';

export function presentOrganization(org: Organization): OrganizationDto {
  return {
    id: org.id,
    name: org.name,
    slug: org.slug,
    logoUrl: org.logoUrl,
    planTier: org.planTier,
    createdAt: org.createdAt.toISOString(),
  };
}
