import { Module } from '@nestjs/common';
import { ExportSources } from './export/export-sources';
import { MediaBytes } from './export/media-bytes';
import { MediaContentExport } from './export/media-content-export';
import { OrganizationExportService } from './export/organization-export.service';
import { ContentImport } from './import/content-records';
import { CoreImport } from './import/core-records';
import { ImportSlots } from './import/import-slots';
import { ImportTargets } from './import/import-targets';
import { OrganizationImportService } from './import/organization-import.service';
import { OnboardingService } from './onboarding/onboarding.service';
import { OrganizationDeletion } from './organization-deletion';
import { OrganizationFactory } from './organization-factory';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { SingleTenant } from './single-tenant';

@Module({
  controllers: [OrganizationsController],
  providers: [
    OnboardingService,
    OrganizationFactory,
    OrganizationsService,
    OrganizationExportService,
    ExportSources,
    OrganizationDeletion,
    MediaBytes,
    MediaContentExport,
    OrganizationImportService,
    ImportTargets,
    ImportSlots,
    CoreImport,
    ContentImport,
    SingleTenant,
  ],
  exports: [SingleTenant, OrganizationFactory, OrganizationsService, ExportSources, ImportTargets, OrganizationDeletion],
})
export class OrganizationsModule {}
