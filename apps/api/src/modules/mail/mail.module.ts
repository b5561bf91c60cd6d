import { Global, Module } from '@nestjs/common';
import { Mailer } from './mailer';
import { MailWorker } from './mail.worker';

@Global()
@Module({ providers: [Mailer, MailWorker], exports: [Mailer] })
export class MailModule {}
