import { Global, Module } from '@nestjs/common';
import { AuditChain } from './audit-chain';
import { AuditController } from './audit.controller';
import { AuditExportService } from './audit-export.service';
import { AuditLogger } from './audit-logger';
import { AuditService } from './audit.service';

@Global()
@Module({ controllers: [AuditController], providers: [AuditLogger, AuditService, AuditExportService, AuditChain], exports: [AuditLogger] })
export class AuditModule {}
