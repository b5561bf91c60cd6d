import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';
import { PlatformAdminGuard } from './platform-admin.guard';

@Module({ controllers: [AdminController], providers: [AdminService, PlatformAdminGuard] })
export class AdminModule {}
