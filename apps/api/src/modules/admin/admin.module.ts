import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { AdminBillingController } from './admin-billing.controller';
import { AdminJobQueuesService } from './admin-job-queues.service';
import { AdminOperationsController } from './admin-operations.controller';
import { AdminStripeEventsService } from './admin-stripe-events.service';
import { AdminWebhookDeliveriesService } from './admin-webhook-deliveries.service';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';
import { PlatformAdminGuard } from './platform-admin.guard';

/** The platform admin's routes; the billing ones only where billing runs (multi-tenant mode). */
@Module({})
export class AdminModule {
  static forRoot(config: AppConfig): DynamicModule {
    const billing = config.MULTI_TENANT_ENABLED;
    return {
      module: AdminModule,
      controllers: [AdminController, AdminOperationsController, ...(billing ? [AdminBillingController] : [])],
      providers: [
        AdminService,
        AdminWebhookDeliveriesService,
        AdminJobQueuesService,
        PlatformAdminGuard,
        ...(billing ? [AdminStripeEventsService] : []),
      ],
    };
  }
}
