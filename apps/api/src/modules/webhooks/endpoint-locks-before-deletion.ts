import { Injectable, OnModuleInit } from '@nestjs/common';
import type { TenantTx } from '@plinth/tenancy';
import { OrganizationDeletion } from '../organizations/organization-deletion';

/**
 * An organization's deletion locks its webhook endpoints before it deletes
 * the organization's row: the order the delivery worker takes them in (the
 * endpoint's health, then the attempt, whose foreign key check shares the
 * organization's row). The other way round, the deletion held that row while
 * its cascade waited for an endpoint the worker held: a deadlock, and a 500.
 */
@Injectable()
export class EndpointLocksBeforeDeletion implements OnModuleInit {
  constructor(private readonly deletion: OrganizationDeletion) {}

  onModuleInit(): void {
    this.deletion.before((tx) => lockEndpoints(tx));
  }
}

async function lockEndpoints(tx: TenantTx): Promise<void> {
  await tx.manager.query('SELECT 1 FROM webhook_endpoints WHERE organization_id = $1 FOR UPDATE', [tx.organizationId]);
}
