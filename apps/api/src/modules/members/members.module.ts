import { Module } from '@nestjs/common';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { Seats } from './seats';

@Module({ controllers: [MembersController], providers: [MembersService, Seats], exports: [Seats] })
export class MembersModule {}
