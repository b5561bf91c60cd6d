import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { MailHealth } from './mail-health';
import { QueueHealth } from './queue-health';
import { Readiness } from './readiness';
import { RedisHealth } from './redis-health';
import { StripeHealth } from './stripe-health';
import { VersionController } from './version.controller';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'pretty' })],
  controllers: [HealthController, VersionController],
  providers: [Readiness, MailHealth, QueueHealth, RedisHealth, StripeHealth],
})
export class HealthModule {}
