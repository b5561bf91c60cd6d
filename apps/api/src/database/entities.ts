import { RefreshToken } from '../modules/auth/entities/refresh-token.entity';
import { UserToken } from '../modules/auth/entities/user-token.entity';
import { OrganizationMember } from '../modules/organizations/entities/organization-member.entity';
import { Organization } from '../modules/organizations/entities/organization.entity';
import { User } from '../modules/users/entities/user.entity';

export const entities = [User, Organization, OrganizationMember, RefreshToken, UserToken];
