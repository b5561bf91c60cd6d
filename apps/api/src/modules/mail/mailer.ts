import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobQueue } from '../jobs/job-queue';
import type { TemplateName, TemplateParams } from './templates';

export const MAIL_QUEUE = 'mail.send';

export interface MailJob<T extends TemplateName = TemplateName> {
  to: string;
  template: T;
  params: TemplateParams<T>;
}

/** Queues mail in the caller's transaction: a rolled-back change sends nothing. */
@Injectable()
export class Mailer {
  constructor(private readonly jobs: JobQueue) {}

  async send<T extends TemplateName>(manager: EntityManager, to: string, template: T, params: TemplateParams<T>) {
    const job: MailJob<T> = { to, template, params };
    await this.jobs.enqueue(manager, MAIL_QUEUE, job);
  }
}
