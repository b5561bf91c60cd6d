import { Module } from '@nestjs/common';
import { OrganizationFactory } from './organization-factory';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';

@Module({
  controllers: [OrganizationsController],
  providers: [OrganizationFactory, OrganizationsService],
  exports: [OrganizationFactory, OrganizationsService],
})
export class OrganizationsModule {}
