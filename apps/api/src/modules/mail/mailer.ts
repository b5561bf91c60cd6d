import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { seal } from '../../common/sealing';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../jobs/job-queue';
import type { TemplateName, TemplateParams } from './templates';

export const MAIL_QUEUE = 'mail.send';

/** Parameters that hold a secret (a link with a token): sealed in the queued job, opened only to render the mail. */
const SECRET_PARAMS: Partial<Record<TemplateName, readonly string[]>> = {
  verifyEmail: ['url'],
  passwordReset: ['url'],
  invite: ['url'],
  emailChange: ['url'],
};

export interface MailJob<T extends TemplateName = TemplateName> {
  to: string;
  template: T;
  /** The parameters that are not secret. */
  params: Partial<TemplateParams<T>>;
  /** The secret ones, sealed (see common/sealing). */
  sealed?: string;
}

/** Queues mail in the caller's transaction: a rolled-back change sends nothing. */
@Injectable()
export class Mailer {
  constructor(
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async send<T extends TemplateName>(manager: EntityManager, to: string, template: T, params: TemplateParams<T>) {
    await this.jobs.enqueue(manager, MAIL_QUEUE, this.job(to, template, params));
  }

  private job<T extends TemplateName>(to: string, template: T, params: TemplateParams<T>): MailJob<T> {
    const secret = SECRET_PARAMS[template];
    if (!secret) return { to, template, params };
    const entries = Object.entries(params as object);
    const open = Object.fromEntries(entries.filter(([name]) => !secret.includes(name))) as Partial<TemplateParams<T>>;
    const hidden = Object.fromEntries(entries.filter(([name]) => secret.includes(name)));
    return { to, template, params: open, sealed: seal(this.config.encryptionKey, hidden) };
  }
}
