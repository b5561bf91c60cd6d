import { ApiProperty } from '@nestjs/swagger';
import { GRANTABLE_ROLES } from '@plinth/tenancy';
import type { GrantableRole } from '@plinth/tenancy';
import { OrganizationWithRoleDto } from '../../dto/organization.dto';

export class MemberToInviteDto {
  @ApiProperty({ example: 'ada@example.com' }) email: string;
  @ApiProperty({
    enum: GRANTABLE_ROLES,
    description: 'Their role in the export; an owner is listed as admin (an invite cannot make an owner)',
  })
  role: GrantableRole;
}

export class OrganizationImportDto {
  @ApiProperty({ type: OrganizationWithRoleDto, description: 'The new organization, owned by the caller, on the Free plan' })
  organization: OrganizationWithRoleDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { organization: 1, site: 1, post: 20, media: 3 },
    description: 'Records recreated, by type (every type the import recreates, zeros included)',
  })
  counts: Record<string, number>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { member: 3, invite: 1, api_key: 2, audit_log: 118, webhook_endpoint: 0 },
    description: 'Records read and checked but not recreated, by type: people, credentials and history (see the endpoint)',
  })
  notImported: Record<string, number>;

  @ApiProperty({
    type: [MemberToInviteDto],
    description:
      'The members and pending invitees of the exported organization, the caller left out, to invite with POST /organizations/{id}/invites',
  })
  membersToInvite: MemberToInviteDto[];
}

export const IMPORT_BODY = {
  description: 'An export as GET /organizations/{id}/export wrote it, sent as `application/x-ndjson`',
  schema: {
    type: 'string' as const,
    example: '{"type":"plinth-export","version":1,"exportedAt":"2025-01-31T09:00:00.000Z"}\n{"type":"organization",…}\n',
  },
};

export const IMPORT_DESCRIPTION = [
  'Reads the body as it arrives (never buffered) and creates, in one transaction, a new organization on the Free plan owned by ' +
    'the caller, named as the exported one (its slug kept when free), with the export’s sites, posts and media under new ids and ' +
    'with their dates; each file’s bytes (`media_content` records) are stored again and count against `storage_bytes`.',
  'Not recreated, and counted in `notImported`: **members** — never added without their consent: listed in `membersToInvite` with ' +
    'their role (an owner as admin), the caller left out, pending invitees too; **invites**; **API keys** and **webhook endpoints**, ' +
    'whose secrets never leave a deployment (make new ones); and the **audit log**: the new organization’s log starts with one ' +
    '`organization.imported` entry naming the export, and the old entries stay in the file rather than being chained into a log ' +
    'they did not happen in.',
  'The first line must be the header `{"type":"plinth-export","version":1,…}`, the organization record the second. Every line is ' +
    'checked: the first bad one is 400 VALIDATION_FAILED naming its number (`details[].line`). Data past the Free plan’s limits is ' +
    '402 QUOTA_EXCEEDED, a site with a custom domain 402 PLAN_FEATURE_UNAVAILABLE. Either way nothing is kept. One import per user ' +
    'at a time (429).',
].join('\n\n');
