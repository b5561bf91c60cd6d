import { Module } from '@nestjs/common';
import { OrganizationFactory } from './organization-factory';

@Module({ providers: [OrganizationFactory], exports: [OrganizationFactory] })
export class OrganizationsModule {}
