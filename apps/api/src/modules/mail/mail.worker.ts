import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { unseal } from '../../common/sealing';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../jobs/job-queue';
import { MAIL_QUEUE, MailJob } from './mailer';
import { render } from './templates';

/** Mails delivered at once per instance: a signup burst must not queue verify links for minutes. */
const MAIL_CONCURRENCY = 5;

/**
 * Delivers queued mail over SMTP. A failed delivery throws, so pg-boss
 * retries it with backoff: a mail server that is down delays mail, never loses it.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(MailWorker.name);
  private readonly transport: Transporter;

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {
    this.transport = createTransport(config.SMTP_URL ?? 'smtp://127.0.0.1:1025');
  }

  async onApplicationBootstrap(): Promise<void> {
    // Retries back off exponentially from 10 s; an unsent mail is kept for 14 days.
    await this.jobs.defineQueue({ name: MAIL_QUEUE, retryLimit: 20, retryDelaySeconds: 10 });
    if (this.config.JOBS_ENABLED) {
      await this.jobs.work<MailJob>(MAIL_QUEUE, (job) => this.deliver(job), { concurrency: MAIL_CONCURRENCY });
    }
  }

  async deliver(job: MailJob): Promise<void> {
    const secrets = job.sealed ? unseal<object>(this.config.encryptionKey, job.sealed) : {};
    const mail = render(job.template, { ...job.params, ...secrets } as never);
    await this.transport.sendMail({ from: this.config.MAIL_FROM, to: job.to, ...mail });
    this.logger.log({ template: job.template }, 'Mail delivered');
  }
}
