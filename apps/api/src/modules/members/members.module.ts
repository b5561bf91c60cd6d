import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { InvitesModule } from '../invites/invites.module';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { Seats } from './seats';

@Module({
  imports: [ApiKeysModule, InvitesModule],
  controllers: [MembersController],
  providers: [MembersService, Seats],
  exports: [Seats, MembersService],
})
export class MembersModule {}
