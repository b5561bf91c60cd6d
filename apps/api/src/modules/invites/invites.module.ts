import { Module } from '@nestjs/common';
import { InviteAcceptanceService } from './invite-acceptance.service';
import { InvitesController } from './invites.controller';
import { InvitesService } from './invites.service';

@Module({
  controllers: [InvitesController],
  providers: [InvitesService, InviteAcceptanceService],
  exports: [InvitesService, InviteAcceptanceService],
})
export class InvitesModule {}
