import { Module } from '@nestjs/common';
import { ExportSources } from './export/export-sources';
import { OrganizationExportService } from './export/organization-export.service';
import { OnboardingService } from './onboarding/onboarding.service';
import { OrganizationDeletion } from './organization-deletion';
import { OrganizationFactory } from './organization-factory';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';

@Module({
  controllers: [OrganizationsController],
  providers: [OnboardingService, OrganizationFactory, OrganizationsService, OrganizationExportService, ExportSources, OrganizationDeletion],
  exports: [OrganizationFactory, OrganizationsService, ExportSources, OrganizationDeletion],
})
export class OrganizationsModule {}
