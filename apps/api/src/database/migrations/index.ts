import { Foundation1764130000000 } from './1764130000000-foundation';
import { Tenancy1764140000000 } from './1764140000000-tenancy';
import { Quotas1764150000000 } from './1764150000000-quotas';
import { Content1764160000000 } from './1764160000000-content';
import { QuotaTriggers1764170000000 } from './1764170000000-quota-triggers';
import { SessionOrganization1764180000000 } from './1764180000000-session-organization';
import { Hardening1764190000000 } from './1764190000000-hardening';
import { Billing1764200000000 } from './1764200000000-billing';
import { PayAsYouGo1764210000000 } from './1764210000000-pay-as-you-go';
import { ApiCallDays1764220000000 } from './1764220000000-api-call-days';
import { AccountSettings1764225000000 } from './1764225000000-account-settings';
import { Webhooks1764230000000 } from './1764230000000-webhooks';
import { AuditChain1764240000000 } from './1764240000000-audit-chain';
import { OrganizationTombstones1764250000000 } from './1764250000000-organization-tombstones';
import { FailedDeliveries1764255000000 } from './1764255000000-failed-deliveries';
import { JobQueueSchema1764260000000 } from './1764260000000-job-queue-schema';

/** Every migration, in order. Listed explicitly so source and build resolve the same set. */
export const migrations = [
  Foundation1764130000000,
  Tenancy1764140000000,
  Quotas1764150000000,
  Content1764160000000,
  QuotaTriggers1764170000000,
  SessionOrganization1764180000000,
  Hardening1764190000000,
  Billing1764200000000,
  PayAsYouGo1764210000000,
  ApiCallDays1764220000000,
  AccountSettings1764225000000,
  Webhooks1764230000000,
  AuditChain1764240000000,
  OrganizationTombstones1764250000000,
  FailedDeliveries1764255000000,
  JobQueueSchema1764260000000,
];
